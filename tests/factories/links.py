"""Factories for the links app."""
