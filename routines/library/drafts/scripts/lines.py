"""Standard contraindication lines, one sentence each, with what each one implies for
the structured suitability. Used by the edit script and by the validator."""

# --- region and anatomy lines (existing wording kept where it was right) ---
SPINE = "Do not roll directly on the spine; keep the ball to either side of it."
NECK_FRONT = "Never press on the front of the neck (throat and carotid arteries)."
WHIPLASH = "Whiplash or acute neck injury: leave out neck work until a clinician has cleared it."
DIZZY = ("Dizziness, visual changes or nausea with neck movement: stop, and do not repeat neck "
         "work until a clinician has checked it.")
RECENT = "Recent injury or surgery: stay away from the site until it is cleared by a clinician."
VARICOSE = "Varicose veins: do not roll over them."
BACK_KNEE = "Keep off the back of the knee, where nerves and vessels run close to the surface."
ARMPIT = "Keep out of the armpit, where nerves and lymph nodes lie close to the surface."
ARMPIT_VESSELS = "Keep out of the armpit, where nerves and vessels run close to the surface."
ELBOW_CREASE = ("Keep off the front of the elbow crease, where the artery and nerve run close to "
                "the surface.")
BREAST = ("Breast implants or recent breast surgery: avoid pressure on the chest unless a "
          "surgeon has cleared it.")
GROIN_INNER = "Stay out of the groin crease; work the inner thigh below it."
GROIN_HIP = ("Stay out of the groin crease, where the leg's main artery, vein and nerve run close "
             "to the surface.")
HERNIA = "Hernia (abdominal, umbilical or inguinal): do not press a ball into the belly."
BELLY_SURGERY = ("Recent abdominal surgery, including caesarean section: no belly work until the "
                 "scar has healed and a clinician has cleared it.")
AAA = ("Abdominal aortic aneurysm or active inflammatory bowel disease: do not press into the "
       "belly without a doctor's approval.")
DISC = ("Acute disc injury or pain, numbness or tingling travelling down the leg: skip this "
        "until a clinician has cleared low back work.")
TMJ = ("TMJ disorder: keep jaw work light and brief, or leave it out unless a clinician or "
       "dentist has advised it.")
ROLLER_RIBCAGE = ("Do not roll the neck or the low back on the roller; keep it on the ribcage "
                  "part of the back.")
VERTEBRAL = ("Known vertebral fracture, disc problem or spinal stenosis: ask a clinician before "
             "extending over a roller.")
BALANCE_ROLLER = ("Poor balance or a history of falls: stay with the seated and standing ball "
                  "versions.")
BALANCE = "Poor balance or a history of falls: do this sitting on a chair rather than standing."
SACRUM_BALL = ("Do not roll directly on the spine; the ball rests only on the broad, flat sacrum "
               "and never travels up onto the lumbar vertebrae.")
SACRUM_BLOCK = ("Keep the block under the broad, flat sacrum, never under the lumbar spine or the "
                "tailbone.")
BURSITIS_SHOULDER = ("Shoulder bursitis or impingement (pain when lifting the arm out to the "
                     "side): keep the ball off the spot just below the bony tip, or leave this "
                     "out until it settles.")
SHOULDER_PAINFUL = ("A recent rotator cuff tear, a dislocation or a frozen shoulder in its painful "
                    "phase: keep the ball still and skip the arm movements until a clinician has "
                    "cleared them.")
TROCH_BURSITIS = ("A painful bursa over the bony point of the hip (trochanteric bursitis): keep "
                  "the ball above and behind the bony point, or leave this out while it is sore.")
SCIATIC = ("Pain, numbness or tingling travelling down the leg that does not ease when you move "
           "the ball: stop and have it checked by a clinician.")
HIP_REPLACEMENT_CROSS = ("Hip replacement: ask your surgeon or physio before crossing the ankle "
                         "over the knee.")
HIP_REPLACEMENT_WALL = ("Hip replacement or hip fracture surgery on this side: keep off the scar, "
                        "and ask your surgeon or physio before firm pressure here.")
JOINT_FLARE = ("Hot, swollen finger or wrist joints (for example a rheumatoid or gout flare): "
               "leave the hand out until the flare settles.")
MIGRAINE = "A migraine that is starting or under way: leave this out until it has passed."
GLANDS_JAW = ("Swollen glands, a lump at the angle of the jaw or in front of the ear, or cancer "
              "treatment of the head and neck: leave this out until a doctor has checked it.")

# --- pregnancy: line -> (first, second, third) ---
PREG_BELLY = "Pregnancy: avoid deep belly work and lying prone on a ball."
PREG_PRONE = 'Pregnancy: in the first trimester, lie face down only if it is comfortable and nothing presses on the belly; from the second trimester, do not lie face down, and use a wall or seated version instead.'
PREG_SUPINE_SHORT = 'Pregnancy: from the second trimester, keep the time on your back short and come off if you feel light-headed or breathless; in the third trimester, work at the wall or on your side instead.'
PREG_SUPINE_LONG = ("Pregnancy: after the first trimester, avoid long holds lying flat on the "
                    "back; rest on your side or work at the wall instead.")
PREG_WALL_HIP = 'Pregnancy: from the second trimester, keep the ball on the thigh below the hip bone, well away from the bump; in the third trimester, leave this out.'
PREG_CALF_LIGHT = ("Pregnancy raises the risk of clots in the legs: keep calf work light, and "
                   "leave it out if a calf is swollen, warm or painful.")
PREG_CALF_DEEP = ("Pregnancy raises the risk of clots in the legs: leave out firm or weighted calf "
                  "work; a light roll on a therapy ball is the most to do.")
PREG_LOWER_LEG = ("Pregnancy raises the risk of clots in the legs: keep lower-leg work light, and "
                  "leave it out if a leg is swollen, warm or painful.")
PREG_THIGH_LIGHT = ("Pregnancy raises the risk of clots in the legs: keep thigh work light, and "
                    "leave it out if a leg is swollen, warm or painful.")
PREG_THIGH_FIRM = ("Pregnancy raises the risk of clots in the legs: swap the firm ball for a "
                   "therapy ball with light pressure, and leave it out if a leg is swollen, warm "
                   "or painful.")
PREG_INNER_THIGH = ("Pregnancy: leave out inner-thigh work, which presses on the big leg veins at "
                    "a time when clots form more easily.")
PREG_GLUTE_DEEP = ("Pregnancy: use a therapy ball rather than the lacrosse ball, and skip the "
                   "crossed leg if the pelvis or pubic bone aches.")
PREG_SIDE_WAIST = ("Pregnancy: from the second trimester, keep the ball on the side ribs, away "
                   "from the bump, with only part of your weight on it.")
PREG_STANDING_BALL = ("Pregnancy: in the third trimester, when balance changes, hold the wall with "
                      "both hands and keep most of your weight on the standing foot.")
PREG_FOOT_ROLLER = 'Pregnancy: from the second trimester, hold the wall and roll one foot at a time with the other on the floor; in the third trimester, roll the feet sitting down instead.'

PREGNANCY = {
    PREG_BELLY: ("no", "no", "no"),
    PREG_PRONE: ("care", "no", "no"),
    PREG_SUPINE_SHORT: ("yes", "care", "no"),
    PREG_SUPINE_LONG: ("yes", "no", "no"),
    PREG_WALL_HIP: ("yes", "care", "no"),
    PREG_CALF_LIGHT: ("care", "care", "care"),
    PREG_CALF_DEEP: ("no", "no", "no"),
    PREG_LOWER_LEG: ("care", "care", "care"),
    PREG_THIGH_LIGHT: ("care", "care", "care"),
    PREG_THIGH_FIRM: ("care", "care", "care"),
    PREG_INNER_THIGH: ("no", "no", "no"),
    PREG_GLUTE_DEEP: ("care", "care", "care"),
    PREG_SIDE_WAIST: ("yes", "care", "care"),
    PREG_STANDING_BALL: ("yes", "yes", "care"),
    PREG_FOOT_ROLLER: ("yes", "care", "no"),
}

# --- osteoporosis: line -> value ---
OSTEO_BALL = "Osteoporosis: no deep pressure over bone; use a softer ball and gentle load."
OSTEO_ROLLER_ACROSS = ("Osteoporosis or low bone density: do not lie across a foam roller on the "
                       "spine; work the upper back at the wall with a ball beside the spine, or "
                       "rest on a large soft ball, instead.")
OSTEO_ROLLER_ALONG = ("Osteoporosis or low bone density: do not lie along a foam roller on the "
                      "spine; rest on the floor with a folded blanket under the head, or on a "
                      "large soft ball with some air let out, instead.")
OSTEO_HARD_TRUNK = ("Osteoporosis or low bone density: leave out hard-ball work on the ribs and "
                    "beside the spine; roll beside the spine at the wall with a therapy ball "
                    "instead.")
OSTEO_PEC_FIRM = ("Osteoporosis or low bone density: leave out the firm ball under the chest, "
                  "where body weight presses it into the ribs; roll the chest at the wall "
                  "instead.")
OSTEO_QL_FIRM = ("Osteoporosis or low bone density: leave out the firm ball this close to the "
                 "floating ribs and the spine; use a large soft ball at the waist instead.")
OSTEO_TWIST = ("Osteoporosis or low bone density: leave this out, because the ribs roll over the "
               "balls as the trunk turns; rest still on the tote or roll at the wall instead.")
OSTEO_ROLLER_RIBS = ("Osteoporosis or low bone density: do not put your body weight on a roller "
                     "across the ribs; roll the side ribs on a large soft ball instead.")
OSTEO_FALL = ("Osteoporosis or low bone density: do not stand on the roller, where a fall is the "
              "bigger risk; roll the sole on a ball while seated instead.")
OSTEO_ROLLER_THIGH = ("Osteoporosis: take most of your weight on the forearm and top foot, and "
                      "stop below the bony point of the hip.")
OSTEO_ROLLER_SHIN = ("Osteoporosis: keep more of your weight in the hands, and the roller on the "
                     "muscle and off the shinbone.")
OSTEO_SOFTBALL = "Osteoporosis: let more air out of the ball and keep the pressure gentle."
OSTEO_SIDE_WAIST = ("Osteoporosis: keep the ball under the soft waist and let only part of your "
                    "weight onto the ribs.")
OSTEO_BLOCK = ("Osteoporosis: lay a folded blanket over the block and keep it at its lowest "
               "height.")

OSTEOPOROSIS = {
    OSTEO_BALL: "care",
    OSTEO_ROLLER_ACROSS: "no",
    OSTEO_ROLLER_ALONG: "no",
    OSTEO_HARD_TRUNK: "no",
    OSTEO_PEC_FIRM: "no",
    OSTEO_QL_FIRM: "no",
    OSTEO_TWIST: "no",
    OSTEO_ROLLER_RIBS: "no",
    OSTEO_FALL: "no",
    OSTEO_ROLLER_THIGH: "care",
    OSTEO_ROLLER_SHIN: "care",
    OSTEO_SOFTBALL: "care",
    OSTEO_SIDE_WAIST: "care",
    OSTEO_BLOCK: "care",
}

# --- clot risk (deep vein thrombosis): line -> value ---
DVT = "History or risk of deep vein thrombosis: do not roll the calf or thigh; ask a doctor first."
DVT_LOWER = ("History or risk of deep vein thrombosis: do not roll or press the lower leg; ask a "
             "doctor first.")
DVT_HIP = ("History or risk of deep vein thrombosis: keep the ball well outside the groin with "
           "light pressure, and ask a doctor first.")
CLOT = {DVT: "no", DVT_LOWER: "no", DVT_HIP: "care"}

# --- the classes the library lacked ---
BLEED_DEEP = ("Blood thinners or a bleeding disorder: skip this deep work, or use a softer ball "
              "with light pressure, and stop if bruises appear.")
BLEED_LIGHT = "Blood thinners or a bleeding disorder: keep the pressure light and stop if bruises appear."
BLEED_ROLLER = ("Blood thinners or a bleeding disorder: keep most of your weight off the roller "
                "and stop if bruises appear.")

LYMPH_ARM = ("Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: leave "
             "this arm out unless your cancer care team or lymphoedema therapist has cleared it.")
LYMPH_CHEST = ("Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: "
               "leave the chest and arm on that side out unless your cancer care team or "
               "lymphoedema therapist has cleared it.")
LYMPH_TRUNK = ("Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: "
               "leave the side of the chest on that side out unless your cancer care team or "
               "lymphoedema therapist has cleared it.")
LYMPH_LEG = ("Lymphoedema, lymph nodes removed from the groin, or active cancer treatment: leave "
             "this leg out unless your cancer care team or lymphoedema therapist has cleared it.")
LYMPH_NECK = ("Lymph nodes removed from the neck, swollen glands, or active cancer treatment: "
              "leave side-of-neck work out unless your care team has cleared it.")
LYMPH_BELLY = ("Active cancer treatment, or a tumour in the belly or pelvis: no belly work unless "
               "your cancer care team has cleared it.")

FEVER = ("Fever or an infection, or skin here that is hot, red or swollen: skip this until it has "
         "settled.")


def SKIN(tool="ball"):
    return (f"Open wounds, rashes, burns or a skin infection here: keep the {tool} off the area "
            "until the skin has healed.")


SKIN_FOOT = "Open wounds, blisters or a skin infection on the sole: wait until the skin has healed."
SKIN_SCALP = ("Cuts, rashes or a skin condition of the scalp or face: keep the spiky ball off the "
              "area until the skin has healed.")
SKIN_FACE = ("Cuts, cold sores, an acne flare or a skin infection on the cheek: keep the ball off "
             "the area until the skin has healed.")

FRACTURE_RIBS = ("A rib fracture in the last three months, or a rib that hurts sharply when "
                 "pressed: keep off the ribs until a clinician has cleared it.")
FRACTURE_SHIN = ("A known or suspected stress fracture (sharp pain at one spot on the bone, worse "
                 "with hopping): no rolling here until a clinician has cleared it.")
FRACTURE_FOOT = ("A known or suspected stress fracture in the foot (sharp pain at one spot on a "
                 "bone): no rolling or standing pressure until a clinician has cleared it.")
FRACTURE_WRIST = ("A wrist or forearm fracture in the last few months: leave this out until a "
                  "clinician has cleared weight through the arm.")
