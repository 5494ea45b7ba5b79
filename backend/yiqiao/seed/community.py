"""The demo county medical community (青溪县医共体): who and what exists. Pure data."""

from __future__ import annotations

DEMO_STAFF_PASSWORD = "Yiqiao@2026"  # noqa: S105 (demo data; seed refuses to run in production)

# code, name, short name, kind, parent code
INSTITUTIONS = [
    ("QX-RMYY", "青溪县人民医院", "县人民医院", "county_hospital", None),
    ("QX-RMYY-CD", "青溪县人民医院城东院区", "城东院区", "campus", "QX-RMYY"),
    ("QX-RMYY-BH", "青溪县人民医院滨河院区", "滨河院区", "campus", "QX-RMYY"),
    ("QX-SMZ", "青溪县石门镇卫生院", "石门镇卫生院", "township_clinic", "QX-RMYY"),
    ("QX-TYZ", "青溪县桃源镇卫生院", "桃源镇卫生院", "township_clinic", "QX-RMYY"),
]

# institution code, department code, name, kind
DEPARTMENTS = [
    ("QX-RMYY", "CARD", "心血管内科", "clinical"),
    ("QX-RMYY", "CARD-W", "心血管内科病区", "ward"),
    ("QX-RMYY", "RESP", "呼吸与危重症医学科", "clinical"),
    ("QX-RMYY", "GAST", "消化内科", "clinical"),
    ("QX-RMYY", "SURG", "普通外科", "clinical"),
    ("QX-RMYY", "EMER", "急诊医学科", "clinical"),
    ("QX-RMYY", "RAD", "医学影像科", "medtech"),
    ("QX-RMYY-CD", "PED", "儿科", "clinical"),
    ("QX-RMYY-CD", "OBGY", "妇产科", "clinical"),
    ("QX-RMYY-BH", "ORTH", "骨科", "clinical"),
    ("QX-RMYY-BH", "TCM", "中医科", "clinical"),
    ("QX-SMZ", "GP", "全科医疗科", "clinical"),
    ("QX-TYZ", "GP", "全科医疗科", "clinical"),
]

# username, name, role, title, institution code, department code
STAFF = [
    ("dr.wang", "王建国", "doctor", "主任医师", "QX-RMYY", "CARD"),
    ("dr.li", "李秀英", "doctor", "副主任医师", "QX-RMYY", "CARD"),
    ("dr.zhangw", "张伟", "doctor", "主治医师", "QX-RMYY", "CARD"),
    ("dr.liuyang", "刘洋", "doctor", "主任医师", "QX-RMYY", "RESP"),
    ("dr.chenjing", "陈静", "doctor", "主治医师", "QX-RMYY", "RESP"),
    ("dr.yangfan", "杨帆", "doctor", "副主任医师", "QX-RMYY", "GAST"),
    ("dr.zhaolei", "赵磊", "doctor", "主任医师", "QX-RMYY", "SURG"),
    ("dr.shan", "单雄", "doctor", "主治医师", "QX-RMYY", "SURG"),
    ("dr.huangli", "黄丽", "doctor", "主治医师", "QX-RMYY", "EMER"),
    ("dr.zhoumin", "周敏", "doctor", "副主任医师", "QX-RMYY", "RAD"),
    ("dr.wutao", "吴涛", "doctor", "主任医师", "QX-RMYY-CD", "PED"),
    ("dr.xufang", "徐芳", "doctor", "副主任医师", "QX-RMYY-CD", "OBGY"),
    ("dr.sunhao", "孙浩", "doctor", "主治医师", "QX-RMYY-BH", "ORTH"),
    ("dr.ouyang", "欧阳明", "doctor", "主任医师", "QX-RMYY-BH", "TCM"),
    ("dr.machao", "马超", "doctor", "全科主治医师", "QX-SMZ", "GP"),
    ("dr.zhulin", "朱琳", "doctor", "全科医师", "QX-TYZ", "GP"),
    ("nurse.lin", "林小红", "head_nurse", "主管护师", "QX-RMYY", "CARD-W"),
    ("nurse.he", "何娟", "nurse", "护师", "QX-RMYY", "CARD-W"),
    ("nurse.gao", "高雪", "nurse", "护士", "QX-RMYY", "CARD-W"),
    ("nurse.luo", "罗佳", "nurse", "护师", "QX-RMYY", "EMER"),
    ("nurse.tang", "唐婷", "nurse", "护士", "QX-RMYY-CD", "PED"),
    ("nurse.feng", "冯雪梅", "nurse", "护师", "QX-SMZ", "GP"),
    ("pharm.song", "宋志强", "pharmacist", "主管药师", "QX-RMYY", "GAST"),
    ("admin.it", "信息科管理员", "admin", "", "QX-RMYY", "RAD"),
]

# code, kind, name, institution, department, location, bed
DEVICES = [
    ("KIOSK-01", "kiosk", "门诊大厅自助机1号", "QX-RMYY", None, "门诊楼一楼大厅", ""),
    ("KIOSK-02", "kiosk", "城东院区自助机", "QX-RMYY-CD", None, "城东院区门诊大厅", ""),
    ("IPTV-0301", "iptv", "心内病区301床旁电视", "QX-RMYY", "CARD-W", "住院楼3楼301", "301"),
    ("DEV-WEAR-001", "wearable", "智能手环", "QX-RMYY", "CARD-W", "住院楼3楼", "301-1"),
    ("DEV-WEAR-002", "wearable", "智能手环", "QX-RMYY", "CARD-W", "住院楼3楼", "301-2"),
    ("DEV-WEAR-003", "wearable", "智能手表", "QX-RMYY", "CARD-W", "住院楼3楼", "302-1"),
    ("DEV-BP-001", "bp_monitor", "电子血压计", "QX-RMYY", "CARD-W", "护士站", ""),
    ("DEV-GLU-001", "glucometer", "血糖仪", "QX-RMYY", "CARD-W", "护士站", ""),
    ("DEV-BED-301", "bed_sensor", "离床感应垫", "QX-RMYY", "CARD-W", "住院楼3楼301", "301-1"),
    ("DEV-MAT-302", "mattress", "智能床垫", "QX-RMYY", "CARD-W", "住院楼3楼302", "302-1"),
    ("DEV-PUMP-001", "infusion_pump", "输液泵", "QX-RMYY", "CARD-W", "住院楼3楼301", "301-1"),
    ("DEV-ENV-3F", "env_sensor", "病区环境传感器", "QX-RMYY", "CARD-W", "住院楼3楼走廊", ""),
    ("DEV-CALL-301", "call_button", "床头呼叫器", "QX-RMYY", "CARD-W", "住院楼3楼301", "301-1"),
]
KIOSK_SECRETS = {
    "KIOSK-01": "kiosk-01-dev-secret",
    "KIOSK-02": "kiosk-02-dev-secret",
    "IPTV-0301": "iptv-0301-dev-secret",
}

# Account holders: phone, (name, region, birth, seq), family [(relationship, name, region, birth, seq)]
PATIENTS = [
    (
        "13800138001",
        ("张三", "500235", "1968-03-07", "123"),
        [
            ("parent", "张德福", "500235", "1941-11-02", "031"),
            ("child", "张小雨", "500235", "2016-06-18", "042"),
        ],
    ),
    (
        "13800138002",
        ("李梅", "500235", "1985-09-21", "246"),
        [("child", "王子涵", "500235", "2019-01-30", "015")],
    ),
    (
        "13800138003",
        ("陈志强", "500235", "1957-12-12", "377"),
        [("spouse", "刘桂兰", "500235", "1959-04-05", "288")],
    ),
    ("13800138004", ("欧阳娜娜", "500235", "1992-07-14", "160"), []),
    (
        "13800138005",
        ("单雄信", "500235", "1975-02-28", "219"),
        [("parent", "单老汉", "500235", "1945-08-08", "097")],
    ),
]
# A card at the HIS that no account has bound yet (try binding it in the app as 张三's father).
UNBOUND_CARD = ("100200300999", "张德福", "500235", "1941-11-02", "031")
