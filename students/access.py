"""Who may open which roster entry and which assignment. Another user's is a 404."""

from django.shortcuts import get_object_or_404

from .models import Assignment, Student


def get_student_for_teacher(request, pk) -> Student:
    return get_object_or_404(Student, pk=pk, teacher=request.user)


def get_assignment_for_teacher(request, pk) -> Assignment:
    return get_object_or_404(
        Assignment.objects.for_teacher(request.user).select_related("student"), pk=pk
    )


def get_assignment_for_student(request, pk) -> Assignment:
    return get_object_or_404(
        Assignment.objects.for_account(request.user).select_related("student__teacher"), pk=pk
    )
