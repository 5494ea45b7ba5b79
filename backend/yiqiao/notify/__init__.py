"""Notify: the patient's in-app notices, their choices of what to receive (002 §2.1.1.4.3), and
delivery through SMS, WeChat and app push via the outbox."""
