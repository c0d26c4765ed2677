"""Notifications (通知): telling the people concerned, in the app and by e-mail, once.

The app knows no meetings or cases: the apps that own a change decide who is
concerned and what to say (``meetings.notifying``, ``tracking.notifying``) and
call ``do_notify`` inside their own transaction.
"""
