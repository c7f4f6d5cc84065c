"""Factories for the consultations app."""
