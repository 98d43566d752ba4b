"""Figures drawn from data: poses become body parts in the right places, lined up and grounded.

Poses here are written out in the test, with the positions they must produce worked out by
hand, so a change to the drawing rules shows up as a failure rather than a new picture.
"""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from macros.figures import Point, body_outline_path, exercise_drawings, skeleton
from macros.models import ExerciseFigure, Pose

STANDING = {
    "says": "Stand up straight.",
    "trunk": 90,
    "near_arm": [-90, -90],
    "far_arm": [-90, -90],
    "near_leg": [-90, -90],
    "far_leg": [-90, -90],
}
SEATED = {**STANDING, "says": "Sit on a chair.", "near_leg": [0, -90], "far_leg": [0, -90]}
LYING = {
    **STANDING,
    "says": "Lie on your back.",
    "trunk": 180,
    **{part: [0, 0] for part in ("near_leg", "far_leg", "near_arm", "far_arm")},
}


def close(a: Point, b: tuple[float, float]) -> bool:
    return math.isclose(a.x, b[0], abs_tol=1e-6) and math.isclose(a.y, b[1], abs_tol=1e-6)


def test_directions_run_forward_up_backward_down() -> None:
    origin = Point(0, 0)
    assert close(origin.towards(0, 10), (10, 0))
    assert close(origin.towards(90, 10), (0, -10))  # up is toward the top of the drawing
    assert close(origin.towards(180, 10), (-10, 0))
    assert close(origin.towards(-90, 10), (0, 10))


def test_a_standing_pose_puts_the_head_over_the_hips_and_the_feet_below() -> None:
    body = skeleton(Pose(**STANDING))
    assert close(body.hip, (0, 0))
    # Head: trunk (52) + neck (6) + head radius (10) straight up.
    assert close(body.head, (0, -68))
    # Ankle: thigh (44) + shin (42) straight down.
    assert close(body.ankle, (0, 86))
    near = [segment for segment in body.segments if segment.layer == "near"]
    far = [segment for segment in body.segments if segment.layer == "far"]
    assert len(near) == len(far) == 5  # upper arm, forearm, thigh, shin, foot
    assert all(segment.width < near[0].width for segment in far), "parts behind the body are thinner"
    assert body.segments[-1].layer == "near", "the near side is drawn last, on top"


def test_shorter_draws_a_part_that_points_toward_you_at_part_length() -> None:
    body = skeleton(Pose(**{**SEATED, "shorter": {"near_thigh": 0.5}}))
    # Half the thigh (44) forward, then the whole shin (42) down.
    assert close(body.ankle, (22, 42))


def test_both_drawings_share_one_view_box_and_stand_on_the_floor() -> None:
    """Worked out by hand. Lying: the head's top edge is 10 above the hips, the toes reach
    89.75 forward (thigh 44 + shin 42 + half a near limb's width), the back of the head 78
    behind. Standing: the sole (86 + 3.75) is 89.75 below the hips, the top of the head 78
    above them. Each pose is moved so its lowest point is on the floor (y = 0), and the
    shared box adds a margin of 8 on every side."""
    figure = ExerciseFigure(start=Pose(**LYING), end=Pose(**STANDING))
    start, end = exercise_drawings(figure)
    assert start.view_box == end.view_box == (-86.0, -175.8, 183.8, 183.8)
    assert start.floor == end.floor == 0.0
    assert close(start.skeleton.head, (-68, -10)), "lying: the head is behind the hips, its lowest edge on the floor"
    assert close(end.skeleton.head, (0, -157.75)), "standing: 68 above the hips, which are 89.75 above the floor"


@pytest.mark.parametrize(("keep_still", "part"), [("hips", "hip"), ("feet", "ankle")])
def test_the_part_that_keeps_still_is_in_the_same_place_in_both_drawings(keep_still: str, part: str) -> None:
    figure = ExerciseFigure(keep_still=keep_still, start=Pose(**SEATED), end=Pose(**STANDING))
    start, end = exercise_drawings(figure)
    assert getattr(start.skeleton, part).x == pytest.approx(getattr(end.skeleton, part).x)


def test_a_chair_is_drawn_under_the_seated_hips_and_stays_for_the_end() -> None:
    start, end = exercise_drawings(ExerciseFigure(setting="chair", keep_still="feet", start=Pose(**SEATED), end=Pose(**STANDING)))
    assert start.chair is not None and start.chair == end.chair
    seat = start.chair.lines[0]
    assert seat[0].x < start.skeleton.hip.x < seat[1].x, "the seat is under the hips"
    assert seat[0].y > start.skeleton.hip.y, "and below them"
    assert exercise_drawings(ExerciseFigure(start=Pose(**LYING), end=Pose(**LYING)))[0].chair is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"trunk": 400}, "trunk"),
        ({"near_leg": [0]}, "near_leg"),
        ({"shorter": {"near_thigh": 0.1}}, "shorter"),
        ({"shorter": {"left_ear": 0.5}}, "shorter"),
        ({"says": "Hold for 10 seconds."}, "says"),
    ],
)
def test_a_pose_outside_the_rules_is_refused(change: dict, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Pose(**{**STANDING, **change})
    assert field in {str(error["loc"][0]) for error in raised.value.errors()}


def test_the_body_outline_is_one_closed_shape_mirrored_about_the_middle() -> None:
    path = body_outline_path()
    assert path.startswith("M") and path.endswith("Z") and path.count("M") == 1
    numbers = [float(n) for n in path.replace("M", " ").replace("C", " ").replace("Z", " ").split()]
    xs = numbers[0::2]
    assert min(xs) + max(xs) == pytest.approx(200, abs=2), "as wide on the left of the middle (100) as on the right"
