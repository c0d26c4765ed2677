"""The live meeting room: the current agenda item pushed to every attendee, the projector, offline copies, private notes."""
