"""Drawings from data: exercise figures posed by the direction of each body part.

Pure geometry: a pose goes in, lines and circles in SVG coordinates come out. No HTML
here (templates/exercise_figure.html draws the shapes) and nothing about MkDocs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Length of each body part, in drawing units (a standing figure is about 170 tall).
LENGTHS: Mapping[str, float] = {
    "trunk": 52,
    "neck": 6,
    "upper_arm": 27,
    "forearm": 25,
    "thigh": 44,
    "shin": 42,
    "foot": 11,
}
HEAD_RADIUS = 10.0
#: Stroke widths: the trunk is widest; limbs behind the body are thinner as well as lighter,
#: so the difference does not rest on colour alone.
TRUNK_WIDTH = 12.0
NEAR_WIDTH = 7.5
FAR_WIDTH = 5.5
#: Room around the figure inside each drawing.
MARGIN = 8.0


@dataclass(frozen=True)
class Point:
    """A point in drawing units; y grows downward, as in SVG."""

    x: float
    y: float

    def towards(self, direction: float, length: float) -> Point:
        """The point `length` away in `direction` (degrees: 0 forward, 90 up)."""
        radians = math.radians(direction)
        return Point(self.x + length * math.cos(radians), self.y - length * math.sin(radians))

    def shifted(self, dx: float, dy: float) -> Point:
        return Point(self.x + dx, self.y + dy)


@dataclass(frozen=True)
class Segment:
    """A body part drawn as a line with round ends."""

    start: Point
    end: Point
    width: float
    layer: str  # "far", "trunk" or "near": far parts are drawn first, lighter and thinner

    def shifted(self, dx: float, dy: float) -> Segment:
        return Segment(self.start.shifted(dx, dy), self.end.shifted(dx, dy), self.width, self.layer)


@dataclass(frozen=True)
class Skeleton:
    """A posed figure: its parts, its head and the points layout needs."""

    segments: tuple[Segment, ...]
    head: Point
    hip: Point
    ankle: Point
    hand: Point  # the wrist of the arm nearest you

    def shifted(self, dx: float, dy: float) -> Skeleton:
        return Skeleton(
            tuple(segment.shifted(dx, dy) for segment in self.segments),
            self.head.shifted(dx, dy),
            self.hip.shifted(dx, dy),
            self.ankle.shifted(dx, dy),
            self.hand.shifted(dx, dy),
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom, including stroke widths and the head."""
        xs: list[float] = [self.head.x - HEAD_RADIUS, self.head.x + HEAD_RADIUS]
        ys: list[float] = [self.head.y - HEAD_RADIUS, self.head.y + HEAD_RADIUS]
        for segment in self.segments:
            half = segment.width / 2
            for point in (segment.start, segment.end):
                xs += [point.x - half, point.x + half]
                ys += [point.y - half, point.y + half]
        return min(xs), min(ys), max(xs), max(ys)


def _shown(pose: Any, part: str, length_key: str) -> float:
    return LENGTHS[length_key] * pose.shorter.get(part, 1.0)


def skeleton(pose: Any) -> Skeleton:
    """Place every body part of a pose, with the hip at (0, 0)."""
    hip = Point(0, 0)
    shoulder = hip.towards(pose.trunk, _shown(pose, "trunk", "trunk"))
    head_direction = pose.trunk if pose.head is None else pose.head
    head = shoulder.towards(head_direction, LENGTHS["neck"] + HEAD_RADIUS)
    segments = [Segment(hip, shoulder, TRUNK_WIDTH, "trunk")]
    ankle = hand = hip
    for side, width in (("far", FAR_WIDTH), ("near", NEAR_WIDTH)):
        upper, lower = getattr(pose, f"{side}_arm")
        elbow = shoulder.towards(upper, _shown(pose, f"{side}_upper_arm", "upper_arm"))
        wrist = elbow.towards(lower, _shown(pose, f"{side}_forearm", "forearm"))
        thigh, shin = getattr(pose, f"{side}_leg")
        knee = hip.towards(thigh, _shown(pose, f"{side}_thigh", "thigh"))
        heel = knee.towards(shin, _shown(pose, f"{side}_shin", "shin"))
        foot = getattr(pose, f"{side}_foot")
        toe = heel.towards(shin + 90 if foot is None else foot, LENGTHS["foot"])  # by default at a right angle to the shin
        segments += [
            Segment(shoulder, elbow, width, side),
            Segment(elbow, wrist, width, side),
            Segment(hip, knee, width, side),
            Segment(knee, heel, width, side),
            Segment(heel, toe, width, side),
        ]
        if side == "near":
            ankle, hand = heel, wrist
    order = {"far": 0, "trunk": 1, "near": 2}
    return Skeleton(tuple(sorted(segments, key=lambda s: order[s.layer])), head, hip, ankle, hand)


@dataclass(frozen=True)
class Chair:
    """A plain chair seen from the side: a seat, a back and two legs, as lines."""

    lines: tuple[tuple[Point, Point], ...]


def chair_under(hip: Point, floor: float) -> Chair:
    """A chair whose seat is just under the hips, with its back behind them."""
    seat_y = hip.y + NEAR_WIDTH
    back_x, front_x = hip.x - 20, hip.x + 20
    return Chair(
        (
            (Point(back_x, seat_y), Point(front_x, seat_y)),
            (Point(back_x, seat_y), Point(back_x - 4, seat_y - 46)),
            (Point(back_x, seat_y), Point(back_x, floor)),
            (Point(front_x, seat_y), Point(front_x, floor)),
        )
    )


def chair_under_hand(hand: Point, floor: float) -> Chair:
    """A chair facing away, its back under the hand that holds it, its seat beyond."""
    seat_y = floor - 44
    back_x, front_x = hand.x, hand.x + 34
    return Chair(
        (
            (Point(back_x, hand.y), Point(back_x, floor)),
            (Point(back_x, seat_y), Point(front_x, seat_y)),
            (Point(front_x, seat_y), Point(front_x, floor)),
        )
    )


@dataclass(frozen=True)
class Drawing:
    """One pose, ready to draw: its skeleton, any chair, the floor, and the shared view box."""

    skeleton: Skeleton
    chair: Chair | None
    floor: float
    view_box: tuple[float, float, float, float]


def exercise_drawings(figure: Any) -> tuple[Drawing, Drawing]:
    """The start and end drawings of an exercise figure, lined up and at one scale.

    The part that keeps still (hips or feet) is at the same place in both drawings, the
    lowest point of each pose rests on the floor, and both share one view box so the
    figure is the same size in each.
    """
    poses = [skeleton(figure.start), skeleton(figure.end)]
    anchors = [pose.hip if figure.keep_still == "hips" else pose.ankle for pose in poses]
    placed = []
    for pose, anchor in zip(poses, anchors, strict=True):
        _, _, _, bottom = pose.bounds()
        placed.append(pose.shifted(-anchor.x, -bottom))  # floor at y = 0
    chairs: list[Chair | None] = [None, None]
    if figure.setting == "chair":
        # The start position sits on the chair; the chair stays where it was for the end.
        chair = chair_under(placed[0].hip, 0.0)
        chairs = [chair, chair]
    elif figure.setting == "holding-chair":
        chairs = [chair_under_hand(pose.hand, 0.0) for pose in placed]
    left, top, right, bottom = _union(pose.bounds() for pose in placed)
    for chair in chairs:
        if chair is not None:
            xs = [p.x for line in chair.lines for p in line]
            ys = [p.y for line in chair.lines for p in line]
            left, top, right = min(left, *xs), min(top, *ys), max(right, *xs)
    view_box = (
        round(left - MARGIN, 1),
        round(top - MARGIN, 1),
        round(right - left + 2 * MARGIN, 1),
        round(max(bottom, 0.0) - top + 2 * MARGIN, 1),
    )
    start_drawing, end_drawing = (
        Drawing(pose, chair, 0.0, view_box) for pose, chair in zip(placed, chairs, strict=True)
    )
    return start_drawing, end_drawing


def _union(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    lefts, tops, rights, bottoms = zip(*boxes, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)


# ---------------------------------------------------------------------------
# The body outline for the body map and the treatment-day diagram
# ---------------------------------------------------------------------------

#: Half the outline of a standing person (viewer's right half, x >= 100), in a 200 × 400
#: box: from the neck, over the shoulder, down the arm and back up to the armpit, down
#: the side and the leg, and up the inner leg to the crotch. The other half mirrors it.
HALF_OUTLINE: tuple[tuple[float, float], ...] = (
    (111, 70), (113, 84), (138, 92), (154, 104), (158, 140), (162, 196), (164, 246),
    (158, 262), (151, 248), (148, 196), (142, 140), (139, 160), (134, 196), (145, 232),
    (143, 292), (131, 324), (130, 360), (120, 388), (124, 397), (104, 397), (105, 360),
    (106, 322), (102, 262),
)
BODY_HEAD = (100.0, 40.0, 28.0)  # centre x, centre y, radius


def _mirror(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    return [(200 - x, y) for x, y in reversed(points)]


def _smooth_path(points: list[tuple[float, float]]) -> str:
    """A closed path through the points, smoothed with Catmull-Rom curves."""
    count = len(points)
    parts = [f"M{points[0][0]:.1f} {points[0][1]:.1f}"]
    for index in range(count):
        p0, p1 = points[index - 1], points[index]
        p2, p3 = points[(index + 1) % count], points[(index + 2) % count]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(f"C{c1[0]:.1f} {c1[1]:.1f} {c2[0]:.1f} {c2[1]:.1f} {p2[0]:.1f} {p2[1]:.1f}")
    return "".join(parts) + "Z"


def body_outline_path() -> str:
    """The SVG path of the body below the head, the same for the front and back views."""
    return _smooth_path([*HALF_OUTLINE, *_mirror(HALF_OUTLINE)])
