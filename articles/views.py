def article_index(request):
    raise NotImplementedError


def article_detail(request, slug):
    raise NotImplementedError


def article_preview(request, slug):
    raise NotImplementedError


def topic_detail(request, slug):
    raise NotImplementedError
