"""Override of machina's forum_search app: a database search instead of haystack.

haystack's simple backend ignores filters, so it would list hidden posts and posts of forums the
user may not read. This search runs in the database (icontains: ILIKE on PostgreSQL) through
machina's permission handler and leaves unapproved (hidden) posts out.
"""
