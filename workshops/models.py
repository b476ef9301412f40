"""Programmes made of sessions (camps, library workshops, clubs, courses): built in the events issue."""
