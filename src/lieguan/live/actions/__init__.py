"""Every write of the live room: moving the current item, and private notes."""

from lieguan.live.actions.notes import do_save_note
from lieguan.live.actions.room import do_move_current

__all__ = ["do_move_current", "do_save_note"]
