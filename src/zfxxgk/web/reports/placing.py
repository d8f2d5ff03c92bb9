"""Agencies put in the tree when their reports are stored.

What the name proves is the library's (`zfxxgk.parse.placement`); here it is only
stored. Governments above an agency that have no report yet are created as empty
nodes. Automatic placing fills blanks and never unsets what is known; an agency an
administrator placed by hand (`placed_by_hand`) is left as it is. A shorter and a
fuller name of one body (``洪泽区人民政府``, ``淮安市洪泽区人民政府``) meet in one
node when only one candidate exists; with two candidates nothing is linked.
"""

from __future__ import annotations

from django.db import transaction

from ...parse.meta import region_of
from ...parse.placement import Node, place, same_body
from .. import audit
from .models import Agency

LEVELS = dict(Agency.Level.choices)


def placement_state(a: Agency) -> dict:
    return {"level": a.level or None, "parent": a.parent.name if a.parent_id else None,
            "placed_by_hand": a.placed_by_hand}


def find_body(name: str) -> Agency | None | bool:
    """The agency known as `name`, under that name or a fuller/shorter one; False when
    several agencies could be meant (``鼓楼区人民政府`` of two cities)."""
    exact = Agency.objects.filter(key=name).first()
    if exact is not None:
        return exact
    found = [a for a in Agency.objects.filter(key__endswith=name) if same_body(name, a.key)]
    found += [a for a in Agency.objects.filter(reports=None, placed_by_hand=False)
              if len(a.key) < len(name) and same_body(a.key, name)]
    if len(found) > 1:
        return False
    return found[0] if found else None


def _node(node: Node, user) -> Agency | None:
    """The agency for a government above another: found, or created without reports."""
    a = find_body(node.name)
    if a is False:
        return None
    if a is None:
        a, _ = Agency.objects.get_or_create(key=node.name, defaults={
            "name": node.name, "region": region_of(node.name) or "", "level": node.level or ""})
        audit.record(user, "建立机关", a, f"{a.name}（{LEVELS.get(a.level, '层级未定')}，按下级机关名称建立）",
                     after=placement_state(a))
    elif node.level and not a.level and not a.placed_by_hand:
        _placed(a, user, level=node.level)
    return a


def _placed(a: Agency, user, action: str = "归入机关树", **fields) -> None:
    """Set and save `fields` of `a`, logged with its placement before and after."""
    before = placement_state(a)
    for name, value in fields.items():
        setattr(a, name, value)
    a.save(update_fields=list(fields))
    audit.record(user, action, a, a.name, before=before, after=placement_state(a))


@transaction.atomic
def place_agency(agency: Agency, user=None) -> bool:
    """Give `agency` the level and parent its name proves (creating the governments
    above it); returns whether it changed. Hand-placed agencies stay as they are:
    the row is read again under its lock (as `set_placement` takes it), since the
    object given was read earlier (an upload's, `place_all`'s list) and an
    administrator's placement saved since was overwritten with the automatic one.
    NO KEY UPDATE (level and parent are no key): a retention or a calendar entry
    holding the agency against merges (KEY SHARE) does not hold up the upload."""
    fresh = Agency.objects.select_for_update(no_key=True).get(pk=agency.pk)
    changed = _place(fresh, user)
    agency.level, agency.parent_id, agency.placed_by_hand = fresh.level, fresh.parent_id, fresh.placed_by_hand
    return changed


def _place(agency: Agency, user) -> bool:
    if agency.placed_by_hand:
        return False
    placement = place(agency.name)
    parent: Agency | None = None
    for node in placement.ancestors:
        above = _node(node, user)
        if above is not None and parent is not None and above.parent_id is None \
                and not above.placed_by_hand and above.pk != parent.pk:
            _placed(above, user, parent=parent)
        parent = above
    before = placement_state(agency)
    if placement.level:
        agency.level = placement.level
    if parent is not None and parent.pk != agency.pk:
        agency.parent = parent
    if placement_state(agency) == before:
        return False
    agency.save(update_fields=["level", "parent"])
    audit.record(user, "归入机关树", agency, agency.name, before=before, after=placement_state(agency))
    return True


def agency_for(key: str, name: str, region: str, user=None) -> Agency:
    """The agency a stored report belongs to, placed in the tree. An empty node made
    earlier under a shorter name of the same body takes the report's fuller name."""
    agency = Agency.objects.filter(key=key).first()
    if agency is None:
        shorter = [a for a in Agency.objects.filter(reports=None, placed_by_hand=False)
                   if len(a.key) < len(key) and same_body(a.key, key)]
        if len(shorter) == 1:
            agency = shorter[0]
            before = {"key": agency.key, "name": agency.name}
            agency.key, agency.name, agency.region = key, name, region
            agency.save(update_fields=["key", "name", "region"])
            audit.record(user, "更名机关", agency, f"{before['name']} → {name}",
                         before=before, after={"key": key, "name": name})
        else:
            agency, _ = Agency.objects.get_or_create(key=key, defaults={"name": name, "region": region})
    place_agency(agency, user)
    return agency


def place_all(user=None) -> int:
    """Place every agency not placed by hand (existing databases, after an upgrade)."""
    return sum(place_agency(a, user) for a in list(Agency.objects.order_by("pk")))


def makes_cycle(agency: Agency, parent: Agency | None) -> bool:
    """Whether `parent` is `agency` itself or one of the agencies below it."""
    seen, up = set(), parent
    while up is not None and up.pk not in seen:
        if up.pk == agency.pk:
            return True
        seen.add(up.pk)
        up = up.parent
    return False


@transaction.atomic
def set_placement(agency: Agency, level: str, parent: Agency | None, user,
                  automatic: bool = False) -> Agency:
    """An administrator's correction (or, with `automatic`, a return to what the name
    proves). A parent may not be the agency itself or one of its descendants."""
    from .services import ServiceError

    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if automatic:
        before = placement_state(agency)
        agency.placed_by_hand = False
        agency.level, agency.parent = "", None
        agency.save(update_fields=["placed_by_hand", "level", "parent"])
        place_agency(agency, user)
        agency.refresh_from_db()
        audit.record(user, "恢复自动层级", agency, agency.name, before=before, after=placement_state(agency))
        return agency
    if level and level not in LEVELS:
        raise ServiceError(f"没有这个层级：{level}")
    if makes_cycle(agency, parent):
        raise ServiceError("上级不能是本机关或它的下级")
    _placed(agency, user, "更正机关层级", level=level, parent=parent, placed_by_hand=True)
    return agency
