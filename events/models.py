"""Venues, events, sessions and sign-ups: built in the events and sign-ups issues."""
