from machina.apps.forum_search.apps import ForumSearchAppConfig as MachinaConfig


class ForumSearchAppConfig(MachinaConfig):
    name = "portal.forum_search"
