"""The read API in the shape of OParl 1.1 (https://oparl.org), under ``/api/oparl/v1/``.

Each app serves the objects it owns from its own ``api`` module (this package: System, Body, Organization,
Person, Membership; ``plans.api``: LegislativeTerm; ``secretariat.api``: Meeting, AgendaItem, Location and
the materials as Paper and File; ``protocols.api``: protocols and decisions as Paper, their PDFs as File),
all built on ``council.api.base`` and assembled under one prefix in ``council/urls.py``."""
