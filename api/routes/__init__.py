"""One router per area; api.app includes them all."""
