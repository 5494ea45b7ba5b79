"""Use-cases of medical-tech and treatment booking."""
