"""Auth: sign-in for patients (SMS, WeChat), staff (password) and kiosks (device secret plus a
short citizen session), JWT sessions with refresh rotation, reuse detection and revocation."""
