"""Timed work of the retention app (run by the worker, see prongsai/core/scheduler.py)."""

from prongsai.core.scheduler import every
from prongsai.retention import campaigns, reminders


@every(60 * 60)
def send_review_reminders():
    reminders.send_due_reminders()


@every(10 * 60)
def carry_out_campaigns_past_their_deadline():
    campaigns.carry_out_due()
