def test_editor_can_publish(editor):
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("articles.change_article")


def test_translator_can_edit_text_but_not_publish(translator):
    assert translator.has_perm("articles.change_article")
    assert not translator.has_perm("articles.publish_article")


def test_board_member_reads_but_does_not_edit(board_member):
    assert board_member.has_perm("articles.view_article")
    assert not board_member.has_perm("articles.change_article")


def test_outsider_has_no_editorial_permission(outsider):
    assert not outsider.has_perm("articles.view_article")
