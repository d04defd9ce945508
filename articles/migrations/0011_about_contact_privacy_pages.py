"""The about, contact and privacy pages every installation starts with, in both languages;
editable in the admin like the editorial policy."""

from django.db import migrations

ABOUT_EN = """MedCMS Health Library answers clinical questions in plain words for patients and carers, and in clinical terms for health professionals, in English and Simplified Chinese.

## What we publish

Each article starts from one question that a patient, a carer or a clinician might ask. It gives the short answer first, then the evidence, with numbered references you can check for yourself.

## Who is behind it

Articles are written by named clinicians and checked by our Medical Advisory Board. The board's members and their declared interests are listed on the [board page](/en/board/). How we choose sources and review each text is set out in our [editorial policy](/en/editorial-policy/).

## Your questions

Every article ends with a form for follow-up questions. The editors read each one and turn common questions into new articles or additions to existing ones."""

ABOUT_ZH = """MedCMS 健康文库为患者和照护者用通俗的语言、为医疗卫生专业人员用专业的表述解答临床问题，提供英文和简体中文两种版本。

## 我们发布什么

每篇文章围绕患者、照护者或临床医生可能提出的一个问题展开：先给出简短的答案，再说明依据，并附有编号的参考文献，供您自行查证。

## 谁在编写

文章由署名的临床医生撰写，并由我们的医学顾问委员会审核。委员会成员及其声明的利益关系列在[医学顾问委员会页面](/zh-hans/board/)上。我们如何选择文献、如何审核每篇文本，请参阅[编辑方针](/zh-hans/editorial-policy/)。

## 您的问题

每篇文章末尾都有一个提交后续问题的表单。编辑会阅读每一个问题，并把常见的问题写成新文章，或补充到已有的文章中。"""

CONTACT_EN = """We welcome corrections, comments on an article and questions about our work.

- **A question about an article:** please use the follow-up question form at the end of that article, so that the editors know which article you mean.
- **An error in an article:** tell us the article and the passage. We check every report and correct mistakes promptly.
- **Anything else:** email our editorial office.

We cannot give personal medical advice. If you are worried about your health, contact your doctor; in an emergency, call your local emergency number."""

CONTACT_ZH = """欢迎您指出错误、评论文章，或询问与我们工作有关的问题。

- **关于某篇文章的问题**：请使用该文章末尾的后续问题表单，这样编辑就知道您指的是哪篇文章。
- **文章中的错误**：请告诉我们文章名称和具体段落。我们会核实每一条反馈，并及时更正。
- **其他事宜**：请发送电子邮件至编辑部。

我们无法提供个人医疗建议。如您担心自己的健康状况，请咨询您的医生；如遇紧急情况，请拨打当地的急救电话。"""

PRIVACY_EN = """This notice explains what we store about you when you read our articles or send us a question, and for how long.

## Reading articles

You do not need an account to read our articles. We set only the cookies the site needs: one remembers the language you chose, one remembers what kind of reader you are (patient, carer, health professional, ...) so that pages are worded for you, and one protects forms against forged submissions. We use no advertising or tracking cookies.

## Follow-up questions

When you send a question we store it with the article it is about, the language of the page and the kind of reader you chose. Your email address is optional. If you leave one, we use it only to tell you that your question has been answered, and only the editors who handle questions can see it. We delete it as soon as we have written to you, when a message is marked as spam, and in any case after 90 days.

To limit abuse we count how many questions come from each internet address. That count is kept for one hour and is not stored with your question.

Please do not put your name, test results or other personal health details in a question.

## Your rights

You may ask us what we hold about you and ask us to correct or delete it: see the [contact page](/en/contact/)."""

PRIVACY_ZH = """本声明说明您阅读文章或向我们提问时，我们会保存哪些与您有关的信息，以及保存多长时间。

## 阅读文章

阅读文章无需注册账户。我们只设置网站运行所必需的 Cookie：一个记住您选择的语言；一个记住您的读者类型（患者、照护者、医疗卫生专业人员等），以便页面采用适合您的表述；还有一个用于防止表单被伪造提交。我们不使用任何广告或跟踪类 Cookie。

## 后续问题

您提交问题时，我们会保存问题本身、问题所涉及的文章、页面的语言以及您选择的读者类型。电子邮箱地址可以不填。如您留下邮箱，我们只用它通知您问题已得到解答，而且只有负责处理问题的编辑可以看到。给您回信后，或该留言被判定为垃圾信息时，我们会立即删除邮箱地址；无论如何，最长只保存90天。

为防止滥用，我们会统计来自每个网络地址的提问次数。这一计数只保留一小时，且不与您的问题一起保存。

请不要在问题中填写您的姓名、检查结果或其他个人健康信息。

## 您的权利

您可以询问我们保存了哪些与您有关的信息，并要求更正或删除：请见[联系页面](/zh-hans/contact/)。"""

PAGES = {
    "about": (("About us", ABOUT_EN), ("关于我们", ABOUT_ZH)),
    "contact": (("Contact us", CONTACT_EN), ("联系我们", CONTACT_ZH)),
    "privacy": (("Privacy", PRIVACY_EN), ("隐私声明", PRIVACY_ZH)),
}


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("articles", "SitePage")
    for slug, ((title_en, body_en), (title_zh, body_zh)) in PAGES.items():
        SitePage.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title_en,
                "title_en": title_en,
                "title_zh_hans": title_zh,
                "body": body_en,
                "body_en": body_en,
                "body_zh_hans": body_zh,
            },
        )


def remove_pages(apps, schema_editor):
    apps.get_model("articles", "SitePage").objects.filter(slug__in=list(PAGES)).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_follow_up_questions")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
