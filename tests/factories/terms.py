"""Factories for the terms app."""
