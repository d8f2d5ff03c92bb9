"""zfxxgk.parse.placement: an agency's level and the governments above it, from
real-looking names; what the name does not prove stays unplaced."""

from __future__ import annotations

import pytest

from zfxxgk.parse.placement import place, same_body

P, C, X, T, D = "province", "city", "county", "township", "department"

PLACED = [
    # name, level, [(ancestor, level)] highest first
    ("淮安市洪泽区人民政府", X, [("淮安市人民政府", C)]),
    ("江苏省淮安市洪泽区人民政府", X, [("江苏省人民政府", P), ("淮安市人民政府", C)]),
    ("洪泽区教育局", D, [("洪泽区人民政府", X)]),
    ("淮安市洪泽区住房和城乡建设局", D, [("淮安市人民政府", C), ("淮安市洪泽区人民政府", X)]),
    ("淮安市洪泽区人民政府办公室", D, [("淮安市人民政府", C), ("淮安市洪泽区人民政府", X)]),
    ("洪泽区卫生健康委员会", D, [("洪泽区人民政府", X)]),
    # a second name in brackets (挂牌) places as the first name does
    ("洪泽区住房和城乡建设局（区人民防空办公室）", D, [("洪泽区人民政府", X)]),
    ("淮安市人民政府办公室（市政务服务管理局）（市大数据中心）", D, [("淮安市人民政府", None)]),
    ("青禾市云岭区望湖街道办事处", T, [("青禾市人民政府", C), ("青禾市云岭区人民政府", X)]),
    ("淮安市洪泽区高良涧街道办事处", T, [("淮安市人民政府", C), ("淮安市洪泽区人民政府", X)]),
    ("洪泽区岔河镇人民政府", T, [("洪泽区人民政府", X)]),
    ("盱眙县河桥镇人民政府", T, [("盱眙县人民政府", X)]),
    ("涟水县南集乡人民政府", T, [("涟水县人民政府", X)]),
    ("井口街道办事处", T, []),
    ("江苏省人民政府", P, []),
    ("江苏省教育厅", D, [("江苏省人民政府", P)]),
    ("广西壮族自治区人民政府", P, []),
    ("北京市人民政府", P, []),
    ("上海市浦东新区人民政府", X, [("上海市人民政府", P)]),
    ("天津市滨海新区人民政府", X, [("天津市人民政府", P)]),
    ("北京市海淀区海淀街道办事处", T, [("北京市人民政府", P), ("北京市海淀区人民政府", X)]),
    ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市人民政府", X,
     [("新疆维吾尔自治区人民政府", P), ("伊犁哈萨克自治州人民政府", C)]),
    ("喀什地区喀什市人民政府", X, [("喀什地区人民政府", C)]),
    ("呼伦贝尔市鄂温克族自治旗人民政府", X, [("呼伦贝尔市人民政府", C)]),
    ("温州市鹿城区人民政府", X, [("温州市人民政府", C)]),  # a district, though it ends in 城区
    ("秦皇岛市海港区人民政府", X, [("秦皇岛市人民政府", C)]),
    ("包头市白云鄂博矿区人民政府", X, [("包头市人民政府", C)]),
    ("商丘市梁园区人民政府", X, [("商丘市人民政府", C)]),  # a district, though it ends in 园区
    ("梁园区长征街道办事处", T, [("梁园区人民政府", X)]),
    ("杭州市西湖区三墩镇人民政府", T, [("杭州市人民政府", C), ("杭州市西湖区人民政府", X)]),
    ("重庆市渝中区人民政府", X, [("重庆市人民政府", P)]),
    ("苏州市昆山市人民政府", X, [("苏州市人民政府", C)]),
    ("延边朝鲜族自治州人民政府", C, []),
    ("吉林省延边朝鲜族自治州延吉市人民政府", X,
     [("吉林省人民政府", P), ("延边朝鲜族自治州人民政府", C)]),
    ("恩施土家族苗族自治州来凤县人民政府", X, [("恩施土家族苗族自治州人民政府", C)]),
    ("内蒙古自治区锡林郭勒盟锡林浩特市人民政府", X,
     [("内蒙古自治区人民政府", P), ("锡林郭勒盟人民政府", C)]),
    ("锡林郭勒盟人民政府", C, []),
    ("阿拉善盟阿拉善左旗人民政府", X, [("阿拉善盟人民政府", C)]),
    ("鄂尔多斯市准格尔旗人民政府", X, [("鄂尔多斯市人民政府", C)]),
    ("宜昌市长阳土家族自治县人民政府", X, [("宜昌市人民政府", C)]),
    ("长阳土家族自治县人民政府", X, []),
    ("徐州市沛县人民政府", X, [("徐州市人民政府", C)]),
    ("萧县教育局", D, [("萧县人民政府", X)]),
    ("济南市市中区人民政府", X, [("济南市人民政府", C)]),
    ("荆州市沙市区人民政府", X, [("荆州市人民政府", C)]),
    ("湖北省神农架林区人民政府", X, [("湖北省人民政府", P)]),
    ("大兴安岭地区行政公署", C, []),
    # a lone city: prefecture- or county-level is unknown, but it is the parent
    ("淮安市市场监督管理局", D, [("淮安市人民政府", None)]),
    ("淮安市城市管理局", D, [("淮安市人民政府", None)]),
    ("青禾市生态环境局", D, [("青禾市人民政府", None)]),
    ("东莞市虎门镇人民政府", T, [("东莞市人民政府", None)]),
    ("淮安市人民政府办公室", D, [("淮安市人民政府", None)]),
    ("淮 安 市 洪 泽 区 人 民 政 府", X, [("淮安市人民政府", C)]),
]

UNPLACED = [
    "淮安市人民政府",  # prefecture-level or county-level city: the name does not say
    "昆山市人民政府",
    "淮安市政府",
    "浦东新区教育局",  # a 新区 may be a zone: only its own government is sure
    "重庆两江新区管理委员会",
    "淮安经济技术开发区管理委员会",
    "淮安市经济技术开发区管理委员会",
    "苏州工业园区管理委员会",
    "南京市江北新区管理委员会",
    "武汉市东湖新技术开发区管理委员会",
    "成都高新区管委会",
    "深圳市前海深港现代服务业合作区管理局",  # the zone's name too long to be an area
    "南京市鼓楼区宁海路街道中山路社区居民委员会",
    "阳泉市城区人民政府",  # a one-character district name: not provable without a gazetteer
    "淮安市高新区教育局",
    "淮安市风景名胜区管理处",
    "淮安市公安局洪泽分局",
    "淮安市中级人民法院",
    "洪泽区人民检察院",
    "洪泽区区委办公室",
    "淮安市委办公室",
    "洪泽区人大常委会办公室",
    "教育部",
    "国务院办公厅",
    "淮安市",
    "洪泽区淮安市人民政府",  # levels out of order
    "",
    None,
]


@pytest.mark.parametrize("name,level,ancestors", PLACED)
def test_placed(name, level, ancestors):
    p = place(name)
    assert (p.level, [(a.name, a.level) for a in p.ancestors]) == (level, ancestors)


@pytest.mark.parametrize("name", UNPLACED)
def test_unplaced(name):
    p = place(name)
    assert (p.level, p.ancestors) == (None, ())


def test_same_body():
    assert same_body("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert same_body("淮安市人民政府", "江苏省淮安市人民政府")
    assert same_body("淮安市人民政府", "淮安市人民政府")
    assert not same_body("泽区人民政府", "淮安市洪泽区人民政府")  # not at an area's edge
    assert not same_body("鼓楼区人民政府", "南京市鼓楼区教育局")
    assert not same_body("人民政府", "淮安市人民政府办")
