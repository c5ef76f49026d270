"""Words about a student's home routines, for the templates."""

from django import template

from students.adherence import frequency_text

register = template.Library()


@register.filter
def how_often(assignment) -> str:
    """The assignment's frequency as the student reads it: "Twice a week", "Every Monday
    and Thursday" (never "A number of times a week")."""
    return frequency_text(assignment.frequency, assignment.times_per_week, assignment.weekdays)
