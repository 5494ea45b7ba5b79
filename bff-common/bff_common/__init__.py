"""Plumbing every BFF shares, and nothing else: problem+json errors, bearer auth, health,
the realtime WebSocket and the app factory. Business rules live in the core (``yiqiao``)."""
