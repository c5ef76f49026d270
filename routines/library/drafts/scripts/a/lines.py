# Canonical safety lines, so each class reads the same in every technique.

INJ = "Recent injury or surgery: stay away from the site until it is cleared by a clinician."
FEVER = 'Fever or an infection, or skin here that is hot, red or swollen: skip this until it has settled.'
SKIN = '<<SKIN>>'
SKIN_SCALP = 'Open wounds, rashes, a psoriasis flare or a skin infection on the scalp: keep the spiky ball off the area until the skin has healed.'
BLOOD = '<<BLOOD>>'
BLOOD_DEEP = 'Blood thinners or a bleeding disorder: skip this deep work, or use a softer ball with light pressure, and stop if bruises appear.'


def fracture(where):
    return (f"Recent fracture {where}: no pressure there until it has healed and a clinician "
            "has cleared it.")


LYMPH_ARM = 'Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: leave this arm out unless your cancer care team or lymphoedema therapist has cleared it.'
LYMPH_NECK = 'Lymph nodes removed from the neck or armpit, swollen glands, or active cancer treatment: leave this out unless your cancer care team has cleared it.'
PORT = ("A pacemaker, port or central line in the chest: keep pressure well away from it and "
        "work only the other side.")
ARM_CLOT = ("A past blood clot in the arm, or one suspected now: leave this side out unless "
            "your doctor has cleared it.")

NECK_FRONT = "Never press on the front of the neck (throat and carotid arteries)."
COLLAR_HOLLOW = ("Keep out of the hollow above the collarbone, where the nerves and vessels to "
                 "the arm pass.")
WHIPLASH = "Whiplash or acute neck injury: leave out neck work until a clinician has cleared it."
DIZZY = ("Dizziness, visual changes or nausea with neck movement: stop, and do not repeat neck "
         "work until a clinician has checked it.")
TMJ = ("TMJ disorder: keep jaw work light and brief, or leave it out unless a clinician or "
       "dentist has advised it.")
HEAD_INJURY = ("Concussion or a recent blow to the head: leave out head work until a clinician "
               "has cleared it.")
SPINE = "Do not roll directly on the spine; keep the ball to either side of it."
SPINE_TOTE = "Do not roll directly on the spine; keep it in the gap between the two balls."
SPINE_HOOK = "Never press directly on the spine; keep the knob of the tool in the groove beside it."
DISC = ("Acute disc injury or pain, numbness or tingling travelling down the leg: skip this "
        "until a clinician has cleared low back work.")
ARMPIT = "Keep out of the armpit, where nerves and lymph nodes lie close to the surface."
BREAST = ("Breast implants or recent breast surgery: avoid pressure on the chest unless a "
          "surgeon has cleared it.")
ELBOW_CREASE = ("Keep off the front of the elbow crease, where the artery and nerve run close to "
                "the surface.")
VERTEBRA_ROLLER = ("Known vertebral fracture, disc problem or spinal stenosis: ask a clinician "
                   "before lying on a roller.")
VERTEBRA_BALLS = ("Known vertebral fracture, disc problem or spinal stenosis: ask a clinician "
                  "before lying over the balls.")

# Osteoporosis
O_BALL = "Osteoporosis: no deep pressure over bone; use a softer ball and gentle load."
O_SOFT = "Osteoporosis: let more air out of the ball and keep the pressure gentle."
O_ROLLER_ARM = ("Osteoporosis: keep most of your weight on the top hand and the pressure gentle, "
                "or use the wall version of this area instead.")
O_ROLLER_CHEST = ("Osteoporosis: leave this out; no foam roller under the ribs or breastbone. "
                  "The wall pectoral pin is the safer choice.")
O_ROLLER_LENGTH = ("Osteoporosis: lie still along the roller with the head supported and keep "
                   "the arm sweeps small; never roll it across the spine or ribs.")

# Pregnancy
P_SUPINE = 'Pregnancy: from the second trimester, keep the time on your back short and come off if you feel light-headed or breathless; in the third trimester, work at the wall or on your side instead.'
P_LATE_SIDE = ("In late pregnancy, a pillow under the bump and between the knees makes "
               "side-lying steadier, and less weight on the arm keeps it comfortable.")

LYMPH_CHEST = ("Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: leave "
               "the chest and arm on that side out unless your cancer care team or lymphoedema "
               "therapist has cleared it.")
LYMPH_JAW = ("Swollen glands, a lump at the angle of the jaw or in front of the ear, or cancer "
             "treatment of the head and neck: leave this out until a doctor has checked it.")
P_PRONE = ("Pregnancy: in the first trimester, lie face down only if it is comfortable and nothing "
           "presses on the belly; from the second trimester, do not lie face down, and use a wall "
           "or seated version instead.")
RIB_FRACTURE = ("A rib fracture in the last three months, or a rib that hurts sharply when "
                "pressed: keep off the ribs until a clinician has cleared it.")


def resolve(t):
    """Fill the tool-specific wording of the skin and bleeding lines."""
    eq = set(t["equipment"])
    if "foam-roller" in eq:
        tool, blood = "roller", ("Blood thinners or a bleeding disorder: keep most of your weight "
                                 "off the roller and stop if bruises appear.")
    else:
        tool = ("tool" if "hook-tool" in eq else "stick" if "massage-stick" in eq
                else "balls" if "ball-pair-tote" in eq else "spiky ball" if "spiky-ball" in eq
                else "ball")
        blood = ("Blood thinners or a bleeding disorder: keep the pressure light and stop if "
                 "bruises appear.")
    skin = (f"Open wounds, rashes, burns or a skin infection here: keep the {tool} off the area "
            "until the skin has healed.")
    t["contraindications"] = [skin if c == "<<SKIN>>" else blood if c == "<<BLOOD>>" else c
                              for c in t["contraindications"]]
    return t
