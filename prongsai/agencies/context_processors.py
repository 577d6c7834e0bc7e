from prongsai.agencies.models import AgencySettings


def agency(request):
    """The agency of the site being served, for headers, footers and numerals."""
    if getattr(request, "_prongsai_agency", None) is None:
        try:
            request._prongsai_agency = AgencySettings.for_request(request)
        except Exception:  # no Site matches (e.g. a bare test request)
            return {"agency": None}
    return {"agency": request._prongsai_agency}
