"""Demo medical-tech and treatment booking: the exam catalogue with preparation notes, what
interferes with what, the exam and treatment rooms of the county hospital and the 滨河 campus with
their weekly hours, their technicians, bands for the days ahead, and exam/treatment orders for demo
patients (张三: abdominal ultrasound, gastroscopy and an enhanced abdominal CT, all fasting, and an
enhanced head MRI; his father: ten physiotherapy sessions; 李梅: a thyroid ultrasound and a course
of acupuncture). Idempotent: ids derive from codes, orders replay their idempotency keys."""

from __future__ import annotations

import datetime as dt

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.idcard import make_id_number
from yiqiao.kit.passwords import hash_password
from yiqiao.scheduling.medtech.service import orders, resources
from yiqiao.scheduling.medtech.types import PlaceOrder, ResourceSpec, ResourceTemplateSpec
from yiqiao.seed.community import DEMO_STAFF_PASSWORD
from yiqiao.settings import get_settings

# institution code, department code, name, kind
DEPARTMENTS = [
    ("QX-RMYY", "US", "超声医学科", "medtech"),
    ("QX-RMYY", "ENDO", "内镜中心", "medtech"),
    ("QX-RMYY-BH", "REHAB", "康复医学科", "medtech"),
]

# username, name, role, title, institution code, department code
STAFF = [
    ("tech.chen", "陈晓", "technician", "主管技师", "QX-RMYY", "RAD"),
    ("tech.zhao", "赵敏", "technician", "超声技师", "QX-RMYY", "US"),
    ("nurse.qian", "钱芳", "nurse", "主管护师", "QX-RMYY", "ENDO"),
    ("therapist.sun", "孙丽", "technician", "康复治疗师", "QX-RMYY-BH", "REHAB"),
]

# code, name, modality, minutes, fasting, contrast, preparation notes
ITEMS = [
    (
        "CT-HEAD",
        "头颅CT平扫",
        "CT",
        10,
        False,
        False,
        "请去除发夹、耳环、项链等金属饰物；孕妇或可能怀孕者请提前告知医生。",
    ),
    (
        "CT-CHEST",
        "胸部CT平扫",
        "CT",
        10,
        False,
        False,
        "请去除胸前金属物品（含钢圈内衣、项链）；检查时请按语音提示屏气。",
    ),
    (
        "CT-ABD-C",
        "上腹部增强CT",
        "CT",
        20,
        True,
        True,
        "检查前禁食4小时（可少量饮水）；需静脉注射碘对比剂，有碘过敏史、甲亢或肾功能不全请提前告知医生；"
        "请家属陪同，检查后留观30分钟并多饮水以促进对比剂排出。",
    ),
    (
        "MR-HEAD-C",
        "头颅增强MRI",
        "MR",
        40,
        False,
        True,
        "体内有心脏起搏器、金属植入物、胰岛素泵者请提前告知，切勿擅自进入检查室；请去除一切金属物品、"
        "磁卡和手机；需静脉注射钆对比剂，检查后多饮水。",
    ),
    (
        "MR-LSPINE",
        "腰椎MRI平扫",
        "MR",
        30,
        False,
        False,
        "体内有心脏起搏器或金属植入物者请提前告知；去除一切金属物品；检查约30分钟，需保持不动。",
    ),
    (
        "US-ABD",
        "腹部超声（肝胆胰脾）",
        "US",
        20,
        True,
        False,
        "检查前一晚22:00后禁食、禁饮（空腹8小时以上）；检查当天早晨请勿进食、吸烟。",
    ),
    ("US-THY", "甲状腺及颈部淋巴结超声", "US", 15, False, False, "无需空腹；请穿低领衣服，勿佩戴项链。"),
    (
        "ES-GASTRO",
        "无痛胃镜",
        "ES",
        60,
        True,
        False,
        "检查前禁食8小时、禁水2小时；需麻醉评估，请家属陪同；检查后2小时内禁食禁水，当天不得驾车或高空作业。",
    ),
    (
        "ES-COLON",
        "无痛肠镜",
        "ES",
        60,
        True,
        False,
        "检查前1天低渣饮食，按医嘱服用肠道清洁剂至排出清水样便；检查当天禁食；需家属陪同，当天不得驾车。",
    ),
    (
        "PT-IFC",
        "中频电疗",
        "PT",
        30,
        False,
        False,
        "请穿宽松衣物；治疗部位勿佩戴金属饰物；体内有心脏起搏器者不宜治疗，请提前告知。",
    ),
    (
        "TCM-ACU",
        "针灸治疗",
        "TCM",
        30,
        False,
        False,
        "治疗前避免空腹或过饱；请穿宽松衣物；治疗后4小时内针刺部位勿沾水。",
    ),
]

INTERFERENCES = [
    ("ES-GASTRO", "US-ABD", 24, "胃镜检查时注入的气体会干扰腹部超声成像"),
    ("ES-COLON", "US-ABD", 24, "肠镜检查时注入的气体会干扰腹部超声成像"),
]

_MON_SAT = range(6)
_MON_FRI = range(5)
# institution, department, code, name, modality, location, [(weekdays, start, end, capacity)]
RESOURCES = [
    ("QX-RMYY", "RAD", "CT-1", "CT室1（64排）", "CT", "门诊楼负一楼影像科",
     [(_MON_SAT, "08:00", "12:00", 4), (_MON_SAT, "14:00", "17:30", 4)]),
    ("QX-RMYY", "RAD", "MRI-1", "磁共振室（1.5T）", "MR", "门诊楼负一楼影像科",
     [(_MON_SAT, "08:00", "12:00", 1), (_MON_SAT, "14:00", "17:30", 1)]),
    ("QX-RMYY", "US", "US-1", "超声1诊室", "US", "门诊楼二楼超声科",
     [(_MON_SAT, "08:00", "11:30", 3), (_MON_SAT, "14:00", "17:00", 3)]),
    ("QX-RMYY", "US", "US-2", "超声2诊室", "US", "门诊楼二楼超声科",
     [(_MON_SAT, "08:00", "11:30", 3), (_MON_FRI, "14:00", "17:00", 2)]),
    ("QX-RMYY", "ENDO", "ES-1", "内镜室", "ES", "门诊楼三楼内镜中心", [(_MON_FRI, "08:00", "11:30", 2)]),
    ("QX-RMYY-BH", "REHAB", "PT-1", "物理治疗室", "PT", "滨河院区康复楼一楼",
     [(_MON_SAT, "08:00", "11:30", 4), (_MON_SAT, "14:00", "17:00", 4)]),
    ("QX-RMYY-BH", "TCM", "TCM-1", "中医治疗室", "TCM", "滨河院区中医馆二楼",
     [(_MON_FRI, "08:30", "11:30", 3), (_MON_FRI, "14:00", "16:30", 3)]),
]  # fmt: skip

# ordering doctor, patient (region, birth, seq), item, sessions, note
ORDERS = [
    ("dr.yangfan", ("500235", "1968-03-07", "123"), "US-ABD", 1, "上腹隐痛2月，排查胆囊结石"),
    ("dr.yangfan", ("500235", "1968-03-07", "123"), "ES-GASTRO", 1, "上腹隐痛，反酸嗳气"),
    ("dr.yangfan", ("500235", "1968-03-07", "123"), "CT-ABD-C", 1, "肝占位待排"),
    ("dr.wang", ("500235", "1968-03-07", "123"), "MR-HEAD-C", 1, "头晕待查"),
    ("dr.sunhao", ("500235", "1941-11-02", "031"), "PT-IFC", 10, "腰椎间盘突出症，中频电疗每周三次"),
    ("dr.li", ("500235", "1985-09-21", "246"), "US-THY", 1, "甲状腺结节复查"),
    ("dr.ouyang", ("500235", "1985-09-21", "246"), "TCM-ACU", 6, "颈肩痛，针灸隔日一次"),
]


async def _departments_and_staff() -> None:
    from yiqiao.seed.demo import sid

    for inst, code, name, kind in DEPARTMENTS:
        await db.execute(
            "INSERT INTO department (id, institution, code, name, kind) VALUES ({}, {}, {}, {}, {})"
            " ON CONFLICT (id) DO NOTHING",
            sid("dept", f"{inst}/{code}"),
            sid("inst", inst),
            code,
            name,
            kind,
        )
    existing = {r["username"] for r in await db.fetch("SELECT username FROM staff")}
    todo = [s for s in STAFF if s[0] not in existing]
    if not todo:
        return
    hashed = await hash_password(DEMO_STAFF_PASSWORD)
    for username, name, role, title, inst, dept in todo:
        await db.execute(
            "INSERT INTO staff (id, institution, department, username, password_hash, name, role, title)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (username) DO NOTHING",
            sid("staff", username),
            sid("inst", inst),
            sid("dept", f"{inst}/{dept}"),
            username,
            hashed,
            name,
            role,
            title,
        )


async def _catalogue() -> None:
    for code, name, modality, minutes, fasting, contrast, prep in ITEMS:
        await resources.save_item(
            SYSTEM,
            code=code,
            name=name,
            modality=modality,
            duration_minutes=minutes,
            prep_notes=prep,
            fasting=fasting,
            contrast=contrast,
        )
    for first, then, hours, reason in INTERFERENCES:
        await resources.save_interference(SYSTEM, first, then, hours, reason)


async def _rooms() -> None:
    from yiqiao.seed.demo import sid

    for inst, dept, code, name, modality, location, hours in RESOURCES:
        resource_id = await resources.create_resource(
            SYSTEM,
            ResourceSpec(
                department_id=sid("dept", f"{inst}/{dept}"),
                code=code,
                name=name,
                modality=modality,  # type: ignore[arg-type]
                location=location,
            ),
        )
        for weekdays, start, end, capacity in hours:
            for weekday in weekdays:
                await resources.save_template(
                    SYSTEM,
                    ResourceTemplateSpec(
                        resource_id=resource_id,
                        weekday=weekday,
                        start_local=start,
                        end_local=end,
                        band_minutes=30,
                        capacity=capacity,
                    ),
                )


async def _orders() -> None:
    from yiqiao.seed.demo import sid

    doctors = {
        r["username"]: r
        for r in await db.fetch(
            "SELECT id, username, institution, department FROM staff WHERE role = 'doctor'"
        )
    }
    for n, (doctor, (region, birth, seq), item, sessions, note) in enumerate(ORDERS):
        d = doctors[doctor]
        number = make_id_number(region, dt.date.fromisoformat(birth), seq)
        actor = Actor(
            kind="staff",
            id=d["id"],
            institution_id=d["institution"],
            department_id=d["department"],
            roles=("doctor",),
        )
        await orders.place(
            actor,
            PlaceOrder(
                patient_id=sid("patient", number), item_code=item, sessions=sessions, clinical_note=note
            ),
            f"demo-medtech-order-{n:02d}",
        )


async def seed() -> int:
    """Load the demo; returns how many bands exist from today on."""
    await _departments_and_staff()
    await _catalogue()
    await _rooms()
    today = clock.local(clock.now()).date()
    await resources.generate_bands(SYSTEM, today, get_settings().medtech_open_days)
    await _orders()
    rows = await db.fetch("SELECT count(*) AS n FROM exam_band WHERE day >= {}", today)
    total: int = rows[0]["n"]
    return total
