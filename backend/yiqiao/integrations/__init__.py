"""One folder per outside capability: a ``typing.Protocol`` in ``base.py`` and a local provider
that really works in ``local.py``. ``get_*_provider()`` picks the configured one; contexts only
ever see the Protocol."""
