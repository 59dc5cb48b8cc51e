"""System, Body (a council), Organization (the council and the state bodies on it), Person and
Membership (seats held or acted in, and the secretariat, over their dates)."""

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from rest_framework.response import Response

from ..models import Appointment, Body, Council, CouncilOfficer, Seat, User, localized
from ..selectors import council_bodies
from .base import (
    OPARL,
    VENDOR,
    OParlView,
    absolute,
    clean,
    common,
    council_for_list,
    council_or_404,
    councils_read,
    paginated,
    public_councils,
    with_history_times,
)

# Objects a higher app embeds in a council's Body (``plans.api`` adds its plan periods as
# ``legislativeTerm``): name -> function(request, council, day) -> list. Filled in the apps' ready().
BODY_EMBEDS = {}


def _names(obj, field="name"):
    return {
        f"{VENDOR}:{field}_kk": getattr(obj, f"{field}_kk") or None,
        f"{VENDOR}:{field}_ru": getattr(obj, f"{field}_ru") or None,
    }


def body_json(request, council, day):
    c = council
    data = {
        **common(request, c, "Body", "oparl-body", c.pk, web=reverse("council_detail", args=[c.code])),
        "system": absolute(request, "oparl-system"),
        "name": c.name,
        "shortName": c.short_name,
        "classification": c.get_kind_display(),
        "mainOrganization": absolute(request, "oparl-organization", c.pk),
        "organization": absolute(request, "oparl-body-organizations", c.pk),
        "person": absolute(request, "oparl-body-people", c.pk),
        "membership": absolute(request, "oparl-body-memberships", c.pk),
        "meeting": absolute(request, "oparl-body-meetings", c.pk),
        "agendaItem": absolute(request, "oparl-body-agenda-items", c.pk),
        "paper": absolute(request, "oparl-body-papers", c.pk),
        "file": absolute(request, "oparl-body-files", c.pk),
        "locationList": absolute(request, "oparl-body-locations", c.pk),
        "legislativeTermList": absolute(request, "oparl-body-terms", c.pk),
        **_names(c),
    }
    data = clean(data)
    data["legislativeTerm"] = []
    for name, embed in BODY_EMBEDS.items():
        data[name] = embed(request, c, day)
    return data


def council_org_json(request, council, *, members=True):
    """The council as an Organization; its memberships only for those who open its pages (a public
    schedule names nobody)."""
    c = council
    memberships = []
    if members:
        memberships = [absolute(request, "oparl-membership", c.pk, a.pk) for a in _seat_appointments(c).order_by("pk")]
        memberships += [absolute(request, "oparl-membership-officer", c.pk, o.pk) for o in c.officers.order_by("pk")]
    return clean(
        {
            **common(request, c, "Organization", "oparl-organization", c.pk),
            "body": absolute(request, "oparl-body", c.pk),
            "name": c.name,
            "shortName": c.short_name,
            "organizationType": "Gremium",
            "classification": c.get_kind_display(),
            "meeting": absolute(request, "oparl-body-meetings", c.pk),
            "membership": memberships,
            "subOrganizationOf": absolute(request, "oparl-organization", c.parent_id) if c.parent_id else None,
            **_names(c),
        }
    )


def state_body_org_json(request, council, body):
    return clean(
        {
            **common(request, body, "Organization", "oparl-organization-body", council.pk, body.pk),
            "body": absolute(request, "oparl-body", council.pk),
            "name": body.name,
            "shortName": body.short_name,
            "organizationType": "Institution",
            "classification": str(Body._meta.verbose_name),
            **_names(body),
        }
    )


def _seat_appointments(council):
    return Appointment.objects.filter(position__seats__council=council).distinct()


def _people(council):
    seated = Appointment.objects.filter(position__seats__council=council).values("person_id")
    officers = council.officers.values("person_id")
    return User.objects.filter(Q(pk__in=seated) | Q(pk__in=officers))


def _person_name(user):
    return localized(user, "full_name") or user.get_full_name() or user.username


def membership_json(request, council, appointment):
    seats = Seat.objects.filter(council=council, position_id=appointment.position_id).order_by("valid_from", "pk")
    seat = seats.last()
    starts = [d for d in (appointment.start, seat.valid_from if seat else None) if d]
    ends = [d for d in (appointment.end, seat.valid_to if seat else None) if d]
    role = seat.get_role_display() if seat else ""
    if appointment.kind == Appointment.Kind.ACTING:
        role = f"{role} ({appointment.get_kind_display()})"
    return clean(
        {
            **common(request, appointment, "Membership", "oparl-membership", council.pk, appointment.pk),
            "person": absolute(request, "oparl-person", appointment.person_id),
            "organization": absolute(request, "oparl-organization", council.pk),
            "role": role,
            "votingRight": True,  # members and acting officials vote; invited persons never sit (R-000-12)
            "startDate": max(starts).isoformat() if starts else None,
            "endDate": min(ends).isoformat() if ends else None,
            "onBehalfOf": absolute(request, "oparl-organization-body", council.pk, appointment.position.body_id),
            f"{VENDOR}:position": localized(appointment.position, "title"),
            f"{VENDOR}:seatKind": seat.get_kind_display() if seat else None,
        }
    )


def officer_json(request, council, officer):
    return clean(
        {
            **common(request, officer, "Membership", "oparl-membership-officer", council.pk, officer.pk),
            "person": absolute(request, "oparl-person", officer.person_id),
            "organization": absolute(request, "oparl-organization", council.pk),
            "role": officer.get_role_display(),
            "votingRight": False,  # the secretary and the secretariat do not vote (R-000-8)
            "startDate": officer.start.isoformat(),
            "endDate": officer.end.isoformat() if officer.end else None,
            "onBehalfOf": absolute(request, "oparl-organization-body", council.pk, officer.body_id)
            if officer.body_id
            else None,
        }
    )


def person_json(request, user, councils):
    """A person and their memberships in the councils the reader opens."""
    memberships = []
    for council in councils:
        for a in with_history_times(_seat_appointments(council).filter(person=user)).select_related("position"):
            memberships.append(membership_json(request, council, a))
        for o in with_history_times(council.officers.filter(person=user)):
            memberships.append(officer_json(request, council, o))
    return clean(
        {
            **common(request, user, "Person", "oparl-person", user.pk, created=user.date_joined),
            "name": _person_name(user),
            "familyName": user.last_name,
            "givenName": user.first_name,
            "membership": memberships,
            **{
                f"{VENDOR}:full_name_kk": user.full_name_kk or None,
                f"{VENDOR}:full_name_ru": user.full_name_ru or None,
            },
        }
    )


class SystemView(OParlView):
    def get(self, request):
        return Response(
            clean(
                {
                    "id": absolute(request, "oparl-system"),
                    "type": OPARL + "System",
                    "oparlVersion": OPARL,
                    "name": "Council secretariat",
                    "body": absolute(request, "oparl-bodies"),
                    "website": request.build_absolute_uri("/"),
                    "license": None,
                }
            )
        )


def _readable_councils(request, day):
    """Councils the reader opens, or those that publish their schedule for a reader who opens none."""
    opened = councils_read(request, day)
    seen = {c.pk for c in opened}
    return opened + [c for c in public_councils() if c.pk not in seen]


class BodyList(OParlView):
    def get(self, request):
        day = self.day
        ids = [c.pk for c in _readable_councils(request, day)]
        qs = with_history_times(Council.objects.filter(pk__in=ids).select_related("profile"))
        return paginated(request, [(qs, lambda c: body_json(request, c, day))])


class BodyDetail(OParlView):
    def get(self, request, pk):
        day = self.day
        council_or_404(request, pk, day, public=True)
        council = with_history_times(Council.objects.filter(pk=pk)).get()
        return Response(body_json(request, council, day))


class OrganizationList(OParlView):
    def get(self, request, pk):
        day = self.day
        council, opens = council_for_list(request, pk, day)
        own = with_history_times(Council.objects.filter(pk=council.pk))
        bodies = with_history_times(Body.objects.filter(pk__in=council_bodies(council).values("pk")))
        return paginated(
            request,
            [
                (own, lambda c: council_org_json(request, c, members=opens)),
                (bodies, lambda b: state_body_org_json(request, council, b)),
            ],
        )


class OrganizationDetail(OParlView):
    def get(self, request, pk):
        council, opens = council_for_list(request, pk, self.day)
        found = with_history_times(Council.objects.filter(pk=council.pk)).get()
        return Response(council_org_json(request, found, members=opens))


class StateBodyDetail(OParlView):
    def get(self, request, pk, body_pk):
        council = council_or_404(request, pk, self.day, public=True)
        body = with_history_times(Body.objects.filter(pk__in=council_bodies(council).values("pk"), pk=body_pk)).first()
        if body is None:
            raise Http404
        return Response(state_body_org_json(request, council, body))


class PersonList(OParlView):
    """The people of a council (its seats' holders and acting officials, its secretariat), for those who
    open the council's page; a council's public schedule names nobody."""

    def get(self, request, pk):
        day = self.day
        council, opens = council_for_list(request, pk, day)
        if not opens:
            return paginated(request, [])
        qs = with_history_times(_people(council), created="date_joined", modified="date_joined")
        return paginated(request, [(qs, lambda u: person_json(request, u, [council]))])


class PersonDetail(OParlView):
    def get(self, request, pk):
        councils = [c for c in councils_read(request, self.day) if _people(c).filter(pk=pk).exists()]
        if not councils:
            raise Http404
        return Response(person_json(request, User.objects.get(pk=pk), councils))


class MembershipList(OParlView):
    def get(self, request, pk):
        council, opens = council_for_list(request, pk, self.day)
        if not opens:
            return paginated(request, [])
        seats = with_history_times(_seat_appointments(council)).select_related("position")
        officers = with_history_times(CouncilOfficer.objects.filter(council=council))
        return paginated(
            request,
            [
                (seats, lambda a: membership_json(request, council, a)),
                (officers, lambda o: officer_json(request, council, o)),
            ],
        )


class MembershipDetail(OParlView):
    def get(self, request, pk, appointment_pk):
        council = council_or_404(request, pk, self.day)
        appointment = with_history_times(_seat_appointments(council).filter(pk=appointment_pk)).first()
        if appointment is None:
            raise Http404
        return Response(membership_json(request, council, appointment))


class OfficerDetail(OParlView):
    def get(self, request, pk, officer_pk):
        council = council_or_404(request, pk, self.day)
        officer = with_history_times(CouncilOfficer.objects.filter(council=council, pk=officer_pk)).first()
        if officer is None:
            raise Http404
        return Response(officer_json(request, council, officer))
