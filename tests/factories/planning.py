"""Factories for the planning app."""
