"""The default personas every installation has (docs/article-format.md)."""

from django.db import migrations

PROFESSIONAL_EN = (
    "This page is written for health professionals. It summarises published evidence and "
    "guidelines and does not replace clinical judgement. Check doses, indications and "
    "contraindications against primary sources and local protocols before acting on it. "
    "The publisher accepts no liability for clinical decisions based on this content."
)
PROFESSIONAL_ZH = (
    "本页面面向医疗专业人员，汇总已发表的证据与指南，不能替代临床判断。"
    "在据此采取行动之前，请对照原始文献和本地诊疗规范核实剂量、适应证和禁忌证。"
    "出版方不对基于本内容作出的临床决定承担责任。"
)
PLAIN_EN = (
    "This page is for general information and is not medical advice. Every person is "
    "different: talk to your doctor, nurse or pharmacist before you start, stop or change "
    "any treatment. If you think you have an emergency, call your local emergency number."
)
PLAIN_ZH = (
    "本页面仅供一般了解，不构成医疗建议。每个人的情况都不同："
    "开始、停止或改变任何治疗之前，请先咨询您的医生、护士或药师。"
    "如遇紧急情况，请立即拨打当地急救电话。"
)

PERSONAS = [
    # code, order, is_lay, schema audience, label en, label zh, description en, description zh
    ("patient", 10, True, "Patient", "Patient", "患者",
     "I want to understand my own health or treatment.", "我想了解自己的健康状况或治疗。"),
    ("caregiver", 20, True, "PeopleAudience", "Caregiver or family member", "照护者或家属",
     "I look after someone with this condition.", "我在照顾患有这种疾病的人。"),
    ("student", 30, False, "PeopleAudience", "Student", "医学生",
     "I am studying medicine or a health profession.", "我正在学习医学或相关卫生专业。"),
    ("nurse", 40, False, "MedicalAudience", "Nurse", "护士",
     "I am a nurse or nurse practitioner.", "我是护士或执业护师。"),
    ("pharmacist", 50, False, "MedicalAudience", "Pharmacist", "药师",
     "I am a pharmacist.", "我是药师。"),
    ("physician", 60, False, "MedicalAudience", "Physician", "医师",
     "I am a doctor.", "我是医生。"),
]


def create_personas(apps, schema_editor):
    Persona = apps.get_model("articles", "Persona")
    for code, order, is_lay, audience, label_en, label_zh, desc_en, desc_zh in PERSONAS:
        Persona.objects.get_or_create(
            code=code,
            defaults={
                "order": order,
                "is_lay": is_lay,
                "schema_audience": audience,
                "label": label_en,
                "label_en": label_en,
                "label_zh_hans": label_zh,
                "description": desc_en,
                "description_en": desc_en,
                "description_zh_hans": desc_zh,
                "disclaimer": PLAIN_EN if is_lay else PROFESSIONAL_EN,
                "disclaimer_en": PLAIN_EN if is_lay else PROFESSIONAL_EN,
                "disclaimer_zh_hans": PLAIN_ZH if is_lay else PROFESSIONAL_ZH,
            },
        )


def remove_personas(apps, schema_editor):
    Persona = apps.get_model("articles", "Persona")
    Persona.objects.filter(code__in=[p[0] for p in PERSONAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_personas, remove_personas)]
