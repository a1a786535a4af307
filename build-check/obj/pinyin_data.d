build-check/obj/pinyin_data.o: src/pinyin_data.c src/pinyin.h
src/pinyin.h:
