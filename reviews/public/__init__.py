"""What readers see of the medical review: the board page and the review on an article page."""
