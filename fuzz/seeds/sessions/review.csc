<?xml version="1.0" encoding="UTF-8"?>
<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="pro" userData="show=NRTH;review=2026-11-20-dailies">
    <group>comp</group>
    <group>lighting</group>
    <media active="true" currentFrame="1012">
        <name>nrth_042_0150_comp_v012.mov</name>
        <locators>
            <path>/shows/nrth/shots/042_0150/comp/v012/nrth_042_0150_comp_v012.mov</path>
            <shortHash>8c4b1f0e2d7a93c6b5e4f1a0d9c8b7a6e5f4d3c2</shortHash>
        </locators>
        <playRange>
            <inFrame value="1001"/>
            <outFrame value="1096"/>
            <playOnlyRange value="true"/>
        </playRange>
        <group>comp</group>
        <notes>Edge of the matte chatters on the left side.
Otherwise close — one more pass.</notes>
        <zoomState>
            <center x="0.31" y="0.58"/>
            <scaleFactor value="2"/>
        </zoomState>
        <annotation frame="1012">
            <notes>Chatter starts here; soften the edge by 2px.</notes>
            <line id="a1f3c0de-0001:0" color="#ff2209" alpha="1" thickness="0.0025">
                <point x="0.212" y="0.401" alpha="1"/>
                <point x="0.215" y="0.433" alpha="1"/>
                <point x="0.221" y="0.468" alpha="0.8"/>
                <point x="0.224" y="0.502" alpha="0.6"/>
            </line>
            <circle id="a1f3c0de-0002:0" color="#ffd200" alpha="1">
                <startPoint x="0.18" y="0.38"/>
                <endPoint x="0.26" y="0.52"/>
            </circle>
            <text id="a1f3c0de-0003:0">
                <startPoint x="0.30" y="0.35"/>
                <endPoint x="0.52" y="0.28"/>
                <background color="#383854" alpha="0.8"/>
                <foreground color="#ffffff" alpha="1"/>
                <p>matte edge
soften 2px</p>
            </text>
        </annotation>
        <annotation frame="1040">
            <arrow id="a1f3c0de-0004:0" color="#00c8ff" alpha="1">
                <startPoint x="0.70" y="0.20"/>
                <endPoint x="0.62" y="0.31"/>
                <special value="false"/>
            </arrow>
            <erase id="a1f3c0de-0005:0" thickness="0.01">
                <point x="0.215" y="0.433"/>
                <point x="0.221" y="0.468"/>
            </erase>
        </annotation>
        <annotation frame="1077">
            <notes>Nice — the flare timing works now.</notes>
        </annotation>
    </media>
    <media userData="asset=sky_dome_v3">
        <name>nrth_042_0160_lgt_v007.mov</name>
        <locators>
            <url>https://review.example.com/nrth/042_0160/lgt/v007.mov</url>
        </locators>
        <group>lighting</group>
        <notes>Sky reads too warm against the plate; match 0150.</notes>
        <colorGrading>
            <offset red="0" green="0" blue="0.02"/>
            <brightness rgb="1" red="0.95" green="1" blue="1.05"/>
            <saturation value="0.9"/>
            <contrast value="1.1"/>
        </colorGrading>
        <annotation frame="24">
            <notes>Compare the horizon with 0150 at frame 1012.</notes>
            <line id="b7e2-0001:0" color="#0500ff" alpha="1" thickness="0.005">
                <point x="0.05" y="0.62"/>
                <point x="0.50" y="0.60"/>
                <point x="0.95" y="0.61"/>
            </line>
        </annotation>
    </media>
    <media>
        <name>nrth_042_0170_anim_v021.mov</name>
        <locators>
            <path>C:\shows\nrth\042_0170\anim\v021\nrth_042_0170_anim_v021.mov</path>
        </locators>
        <playRange>
            <inFrame value="1"/>
            <outFrame value="120"/>
            <playOnlyRange value="false"/>
        </playRange>
    </media>
    <media>
        <groupMovie>
            <group>comp</group>
        </groupMovie>
    </media>
    <notes>Dailies 20 Nov: comp and lighting for sequence 042.
Final: 0150 needs one more pass, 0160 regrade.</notes>
</session>
