"""Domain services: plain functions that flush, never commit, and raise DomainError."""
