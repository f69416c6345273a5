"""Override of machina's forum_attachments app: uploads checked by content and size; files of a
hidden post are served to moderators only."""
