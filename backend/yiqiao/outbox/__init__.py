"""The transactional outbox: messages written with the change that causes them, delivered by the
worker with retries, backoff and a dedupe key, so nothing is lost when a process dies between."""
