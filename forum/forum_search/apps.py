from machina.apps.forum_search.apps import ForumSearchAppConfig as MachinaConfig


class ForumSearchAppConfig(MachinaConfig):
    default = True  # apps.py also holds the imported machina config
    name = "forum.forum_search"
