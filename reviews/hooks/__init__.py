"""What the review adds to the lower apps, each connected in ReviewsConfig.ready()."""
