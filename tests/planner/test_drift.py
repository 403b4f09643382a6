"""Drift since a review: items added, removed, slipped, pulled in or with a moved start."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.drift import DriftKind, drift_since, drift_since_latest, latest_review
from planner.edits import AddReview
from planner.model import ItemId, Review, ReviewId, Roadmap, apply_changes


def _ids(roadmap: Roadmap) -> dict[str, ItemId]:
    return {i.title: i.id for i in roadmap.items.values()}


def test_sample_drift_reports_the_items_whose_dates_differ(sample):
    review = next(iter(sample.reviews.values()))
    drift = drift_since(sample, review)
    got = {(e.kind, e.title, e.start_days, e.end_days) for e in drift.entries}
    assert got == {
        (DriftKind.ADDED, "Generative-AI customer service assistant", None, None),
        (DriftKind.SLIPPED, "Store estate rationalisation", 0, 183),
        (DriftKind.SLIPPED, "CRM rebuild", 0, 30),
        (DriftKind.SLIPPED, "CRM go-live", 30, 30),
        (DriftKind.PULLED_IN, "EU data residency", -92, -107),
    }
    assert [e.kind for e in drift.entries] == sorted((e.kind for e in drift.entries), key=list(DriftKind).index)
    assert drift.removed == () and drift.start_moved == ()
    assert [e.title for e in drift.pulled_in] == ["EU data residency"]
    assert drift.added[0].baseline_start is None and drift.added[0].start is not None


def test_no_drift_right_after_a_review(sample):
    r = apply_changes(sample, AddReview(date(2026, 12, 15)).changes(sample))
    drift = drift_since_latest(r)
    assert drift is not None and not drift and drift.entries == ()
    assert drift.review.held_on == date(2026, 12, 15)


def test_removed_items_keep_their_baseline_title(sample):
    ids = _ids(sample)
    gone = ids["Blockchain supply-chain pilot"]
    r = dataclasses.replace(sample, items={k: v for k, v in sample.items.items() if k != gone})
    (entry,) = drift_since_latest(r).removed
    assert entry.item_id == gone and entry.title == "Blockchain supply-chain pilot"
    assert entry.start is None and entry.start_days is None and entry.baseline_end == date(2027, 6, 30)


def test_start_only_moves(sample):
    ids = _ids(sample)
    tid = ids["Checkout rebuild"]
    item = sample.items[tid]
    r = dataclasses.replace(sample, items={**sample.items, tid: dataclasses.replace(item, start=date(2026, 10, 1))})
    (entry,) = drift_since_latest(r).start_moved
    assert entry.item_id == tid and entry.start_days == 30 and entry.end_days == 0


def test_latest_review_picks_the_latest_date_then_id(sample):
    assert latest_review(dataclasses.replace(sample, reviews={})) is None
    assert drift_since_latest(dataclasses.replace(sample, reviews={})) is None
    a = Review(ReviewId(5), date(2026, 12, 1))
    b = Review(ReviewId(6), date(2026, 12, 1))
    c = Review(ReviewId(7), date(2026, 6, 1))
    r = dataclasses.replace(sample, reviews={a.id: a, b.id: b, c.id: c})
    assert latest_review(r) == b


def test_a_review_without_a_baseline_sees_every_item_as_added(sample):
    drift = drift_since(sample, Review(ReviewId(9), date(2026, 1, 1)))
    assert len(drift.added) == len(sample.items) == len(drift.entries)


def test_links_added_and_removed_since_a_recorded_review(sample):
    from datetime import date as _date

    from planner import edits
    from planner.drift import drift_since
    from planner.model import LinkKind, apply_changes

    roadmap = apply_changes(sample, edits.AddReview(_date(2026, 12, 31), "Q3").changes(sample))
    review = max(roadmap.reviews.values(), key=lambda r: r.id)
    assert review.links is not None and len(review.links) == len(sample.links)
    pilot = next(i for i in roadmap.items.values() if i.title.startswith("Blockchain"))
    goal = next(i for i in roadmap.items.values() if i.title.startswith("Same-day"))
    dropped = next(iter(roadmap.links.values()))
    for edit in (edits.AddLink(LinkKind.SUPPORTS, pilot.id, goal.id), edits.RemoveLink(dropped.id)):
        roadmap = apply_changes(roadmap, edit.changes(roadmap))
    drift = drift_since(roadmap, review)
    assert drift.links_compared
    assert [c.added for c in drift.link_changes] == [False, True]
    assert drift.link_changes[1].describe() == f"+ '{pilot.title}' supports '{goal.title}'"
    assert drift.link_changes[0].source_title == sample.items[dropped.source_id].title


def test_a_review_without_recorded_links_says_so(sample):
    from planner.drift import drift_since

    review = next(iter(sample.reviews.values()))  # the sample's review predates link recording
    drift = drift_since(sample, review)
    assert review.links is None and not drift.links_compared and drift.link_changes == ()
