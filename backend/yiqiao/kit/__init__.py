"""What every context needs and nothing domain-specific."""
