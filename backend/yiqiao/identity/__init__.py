"""Identity: institutions, departments, staff, patient accounts and profiles, visit cards, devices."""
