"""Device gateway: MQTT in, validated and batched into PostgreSQL, fanned out through Redis.

    python -m device_gateway                       run it (SIGTERM/SIGINT: flush, ack, exit)
    python -m device_gateway.simulate --devices N  play N devices with their own credentials

Modules: ``app`` (connection loop, reconnect with backoff), ``flow`` (socket-level backpressure),
``intake`` (topic + payload → rows or a dead letter with a reason), ``sink`` (batch, store,
then acknowledge), ``registry`` (device code → DeviceRef cache), ``stats`` (counters, Redis hash
``yq:gateway:stats``), ``config``, ``contracts`` (AsyncAPI + JSON Schemas for schemas/asyncapi),
``simulate``. Payload types, topics and storage live in ``yiqiao.monitoring``.
"""
