"""Device gateway: MQTT in, validated and batched into PostgreSQL, fanned out through Redis.

``python -m device_gateway`` runs it; ``python -m device_gateway.simulate`` plays devices.
"""
