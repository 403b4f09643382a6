"""The sample with a small outline added (issue 13), for the timeline's hierarchy tests and pictures.

Tech: 'CRM rebuild' gets two phases, and the sample's 'CRM go-live' milestone goes under it.
Business: 'Online sales 30% of revenue' gets two sub-goals that overlap in time (so they take two rows),
one of them supported by a tech item of its own.
With `crowded`, two parents with neighbours close before them, for the readability checks: 'Loyalty
programme relaunch' (after 'Brand refresh' in its row) and 'Delivery pass subscription' (whose title
sits on the left of its bar) each get a milestone, and '500 marketplace sellers live' goes under
'Marketplace for third-party sellers' (the title of 'Price architecture reset' runs towards it).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.model import Band, Item, ItemId, Link, LinkId, LinkKind, Roadmap

PHASES = (("CRM phase 1: sales", date(2026, 7, 1), date(2026, 11, 30)),
          ("CRM phase 2: service", date(2026, 12, 1), date(2027, 4, 29)))
SUB_GOALS = (("Online sales 20% of revenue", date(2026, 1, 1), date(2026, 12, 31)),
             ("Half of online orders on mobile", date(2026, 7, 1), date(2027, 6, 30)))


def by_title(roadmap: Roadmap, title: str) -> Item:
    return next(i for i in roadmap.items.values() if i.title == title)


CROWDED = (("Loyalty programme relaunch", "Loyalty app live", date(2027, 2, 1)),
           ("Delivery pass subscription", "100k delivery pass members", date(2027, 9, 30)))


def with_outline(sample: Roadmap, crowded: bool = False) -> Roadmap:
    items, links = dict(sample.items), dict(sample.links)
    crm, live, online = by_title(sample, "CRM rebuild"), by_title(sample, "CRM go-live"), by_title(sample, "Online sales 30% of revenue")
    next_id = max(items) + 1
    for parent, specs in ((crm, PHASES), (online, SUB_GOALS)):
        for title, start, end in specs:
            items[ItemId(next_id)] = Item(ItemId(next_id), parent.band, parent.lane_id, title, start, end, parent_id=parent.id)
            next_id += 1
    for parent_title, title, day in CROWDED if crowded else ():
        parent = by_title(sample, parent_title)
        items[ItemId(next_id)] = Item(ItemId(next_id), parent.band, parent.lane_id, title, day, day, parent_id=parent.id)
        next_id += 1
    if crowded:
        sellers, marketplace = by_title(sample, "500 marketplace sellers live"), by_title(sample, "Marketplace for third-party sellers")
        items[sellers.id] = dataclasses.replace(sellers, parent_id=marketplace.id)
    items[live.id] = dataclasses.replace(live, parent_id=crm.id)
    mobile = next(i for i in items.values() if i.title == SUB_GOALS[1][0])
    phase2 = next(i for i in items.values() if i.title == PHASES[1][0])
    assert phase2.band == Band.TECH and mobile.band == Band.BUSINESS
    link_id = LinkId(max(links) + 1)
    links[link_id] = Link(link_id, LinkKind.SUPPORTS, phase2.id, mobile.id, "Service on the new CRM follows mobile orders")
    return dataclasses.replace(sample, items=items, links=links)
