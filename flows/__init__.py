"""Orchestration: Prefect flows and tasks that wrap I/O around the pure transforms."""
