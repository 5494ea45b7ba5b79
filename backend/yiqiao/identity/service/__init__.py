"""Identity use-cases, one module per group: patients (accounts, profiles, cards), staff, devices,
institutions; ``access`` holds the per-record authorisation every other context relies on."""
