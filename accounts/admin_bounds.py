"""Admin lists with a date hierarchy that answer a year out of range without a 500.

Django 5.2's ChangeList turns `?starts_at__year=9999` into the range 9999 to 10000, which
raises ValueError ("year 10000 is out of range"), and a longer year OverflowError, outside
the check that sends other bad lookups back to the list with "?e=1" (Django ticket #37357,
fixed after 5.2). The date hierarchy itself offers 9999 when a value from before the bounds
was stored there. Mix `BoundedDateHierarchy` into a ModelAdmin with `date_hierarchy`.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class BoundedChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class BoundedDateHierarchy:
    def get_changelist(self, request, **kwargs):
        return BoundedChangeList
