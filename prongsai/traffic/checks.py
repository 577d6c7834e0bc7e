from django.conf import settings
from django.core import checks

from prongsai.traffic.retention import LEAST_DAYS_BY_LAW


@checks.register(checks.Tags.compatibility)
def traffic_kept_long_enough(app_configs, **kwargs):
    problems = []
    if settings.PRONGSAI_TRAFFIC_DAYS < LEAST_DAYS_BY_LAW:
        level = checks.Error if settings.PRODUCTION else checks.Warning
        problems.append(
            level(
                f"PRONGSAI_TRAFFIC_DAYS is {settings.PRONGSAI_TRAFFIC_DAYS}: the Computer Crime "
                f"Act asks for traffic data to be kept at least {LEAST_DAYS_BY_LAW} days.",
                id="prongsai.traffic.E001",
            )
        )
    if settings.PRONGSAI_TRAFFIC_LOG not in ("app", "front", "off"):
        problems.append(
            checks.Error(
                "PRONGSAI_TRAFFIC_LOG must be app, front or off.", id="prongsai.traffic.E002"
            )
        )
    elif settings.PRODUCTION and settings.PRONGSAI_TRAFFIC_LOG == "off":
        problems.append(
            checks.Error(
                "PRONGSAI_TRAFFIC_LOG=off in production: the law asks for a traffic log "
                "(use app, or front with the front server's log imported).",
                id="prongsai.traffic.E003",
            )
        )
    return problems
