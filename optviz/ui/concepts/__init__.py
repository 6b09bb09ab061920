"""The Concepts tab: small views that each show one idea of the course.

`ConceptsTab` holds them; each view lives in its own module (`ewa_view`, `schedules_view`,
`sweep_view`, `basins_view`, `backprop_view`); `common` has what they share.
"""

from optviz.ui.concepts.tab import ConceptsTab

__all__ = ["ConceptsTab"]
