"""Names of OECD DAC 5-digit purpose codes ("CRS purpose codes") in Vietnamese and English.

The list covers every code the example content uses and the ones foreign NGO aid in Vietnam
most often reports (education, health, water, agriculture, rural development, relief).
A code missing here is shown as the code itself: the build never fails on a valid code.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> (vi, en); English names follow the OECD list, shortened where it is long.
SECTORS: dict[str, tuple[str, str]] = {
    "11110": (
        "Chính sách và quản lý hành chính giáo dục",
        "Education policy and administrative management",
    ),
    "11120": ("Cơ sở vật chất và đào tạo giáo dục", "Education facilities and training"),
    "11130": ("Đào tạo giáo viên", "Teacher training"),
    "11220": ("Giáo dục tiểu học", "Primary education"),
    "11230": ("Kỹ năng sống cơ bản cho người lớn", "Basic life skills for adults"),
    "11240": ("Giáo dục mầm non", "Early childhood education"),
    "11320": ("Giáo dục trung học", "Secondary education"),
    "11321": ("Giáo dục trung học cơ sở", "Lower secondary education"),
    "11322": ("Giáo dục trung học phổ thông", "Upper secondary education"),
    "11330": ("Đào tạo nghề", "Vocational training"),
    "11420": ("Giáo dục đại học", "Higher education"),
    "11430": (
        "Đào tạo kỹ thuật và quản lý nâng cao",
        "Advanced technical and managerial training",
    ),
    "12110": (
        "Chính sách và quản lý hành chính y tế",
        "Health policy and administrative management",
    ),
    "12191": ("Dịch vụ y tế", "Medical services"),
    "12220": ("Chăm sóc sức khỏe cơ bản", "Basic health care"),
    "12230": ("Cơ sở hạ tầng y tế cơ bản", "Basic health infrastructure"),
    "12240": ("Dinh dưỡng cơ bản", "Basic nutrition"),
    "12250": ("Phòng chống bệnh truyền nhiễm", "Infectious disease control"),
    "12261": ("Giáo dục sức khỏe", "Health education"),
    "12281": ("Phát triển nhân lực y tế", "Health personnel development"),
    "13020": ("Chăm sóc sức khỏe sinh sản", "Reproductive health care"),
    "14030": (
        "Nước sạch và vệ sinh cơ bản",
        "Basic drinking water supply and basic sanitation",
    ),
    "15150": ("Sự tham gia dân chủ và xã hội dân sự", "Democratic participation and civil society"),
    "15170": (
        "Tổ chức và phong trào vì quyền phụ nữ",
        "Women's rights organisations and movements",
    ),
    "15180": (
        "Chấm dứt bạo lực đối với phụ nữ và trẻ em gái",
        "Ending violence against women and girls",
    ),
    "16010": ("Bảo trợ xã hội", "Social protection"),
    "16020": ("Tạo việc làm", "Employment creation"),
    "16050": (
        "Viện trợ đa ngành cho dịch vụ xã hội cơ bản",
        "Multisector aid for basic social services",
    ),
    "16061": ("Văn hóa và giải trí", "Culture and recreation"),
    "21020": ("Giao thông đường bộ", "Road transport"),
    "31110": (
        "Chính sách và quản lý hành chính nông nghiệp",
        "Agricultural policy and administrative management",
    ),
    "31120": ("Phát triển nông nghiệp", "Agricultural development"),
    "31140": ("Thủy lợi", "Agricultural water resources"),
    "31161": ("Sản xuất cây lương thực", "Food crop production"),
    "31163": ("Chăn nuôi", "Livestock"),
    "31220": ("Phát triển lâm nghiệp", "Forestry development"),
    "32130": ("Phát triển doanh nghiệp nhỏ và vừa", "Small and medium-sized enterprises"),
    "33210": (
        "Chính sách và quản lý hành chính du lịch",
        "Tourism policy and administrative management",
    ),
    "41010": (
        "Chính sách và quản lý hành chính môi trường",
        "Environmental policy and administrative management",
    ),
    "41020": ("Bảo vệ sinh quyển", "Biosphere protection"),
    "41030": ("Đa dạng sinh học", "Biodiversity"),
    "43010": ("Viện trợ đa ngành", "Multisector aid"),
    "43040": ("Phát triển nông thôn", "Rural development"),
    "43060": ("Giảm nhẹ rủi ro thiên tai", "Disaster risk reduction"),
    "52010": ("Hỗ trợ lương thực", "Food assistance"),
    "72010": ("Cứu trợ vật chất và dịch vụ", "Material relief assistance and services"),
    "72040": ("Hỗ trợ lương thực khẩn cấp", "Emergency food assistance"),
    "73010": ("Tái thiết và phục hồi sau thiên tai", "Reconstruction relief and rehabilitation"),
    "74020": ("Chuẩn bị ứng phó đa thảm họa", "Multi-hazard response preparedness"),
}


@dataclass(frozen=True)
class Sector:
    code: str
    name: str  # the code itself when the list does not know it
    known: bool


def sector(code: str, lang: str) -> Sector:
    names = SECTORS.get(code)
    if names is None:
        return Sector(code, code, False)
    return Sector(code, names[1] if lang == "en" else names[0], True)


def sector_name(code: str, lang: str) -> str:
    """The name of a DAC code in `lang`, or the code itself when unknown."""
    return sector(code, lang).name
